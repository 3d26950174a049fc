import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { RequestDetail } from '../../../../shared/requests/views'

export interface ShareCard {
  title: string
  path: string
}

/**
 * The card a worker sends his chair in chat. Its path carries only the request id, which grants
 * nothing: whoever opens it is answered by role. The title names the kind, never the person or a number,
 * because a card can be forwarded anywhere.
 */
export function shareCardOf(d: RequestDetail): ShareCard | null {
  if (!d.viewer.isApplicant || !['submitted', 'in_review'].includes(d.request.status)) return null
  return { title: `${d.request.kindLabel}，请您审批`, path: `/packages/review/detail?id=${encodeURIComponent(d.request.id)}` }
}

/** 发给审批人: WeChat's share card on weapp; on H5 a sheet with the link to copy into a chat. */
export default function ShareToReviewer({ detail }: { detail: RequestDetail }) {
  const [sheet, setSheet] = useState(false)
  const card = shareCardOf(detail)
  if (!card) return null
  const desk = detail.chain.find((s) => s.state === 'current')?.unionName ?? detail.request.unionName
  const link = __TARGET__ === 'h5' ? `${window.location.origin}${card.path}` : card.path

  return (
    <View className='ght-card rv-share'>
      <Text className='rv-heading'>催一催审批</Text>
      <Text className='rv-summary__weak'>把这份申请发给{desk}的审批人，对方在微信里点开就能处理。别人点开只能看到有这份申请，看不到内容。</Text>
      {__TARGET__ === 'weapp' ? (
        <Button className='ght-button ght-button--primary' openType='share'>
          发给审批人
        </Button>
      ) : (
        <Button className='ght-button ght-button--primary' onClick={() => setSheet(true)}>
          发给审批人
        </Button>
      )}
      {sheet && (
        <View className='rv-sheet' role='dialog' ariaLabel='发给审批人'>
          <View className='rv-sheet__panel'>
            <Text className='rv-heading'>复制链接发给审批人</Text>
            <Text className='rv-sheet__link' userSelect>
              {link}
            </Text>
            <View className='rv-decision__buttons'>
              <Button className='ght-button' onClick={() => setSheet(false)}>
                关闭
              </Button>
              <Button
                className='ght-button ght-button--primary'
                onClick={() => {
                  void Taro.setClipboardData({ data: link }).then(() => setSheet(false))
                }}
              >
                复制链接
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  )
}
