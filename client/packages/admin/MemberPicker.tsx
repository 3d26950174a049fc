import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { unionActions, type RosterRow } from '../../../shared/union'
import Button from '../../components/Button'
import StateView from '../../components/StateView'
import { useAction } from '../../hooks/useAction'

export interface MemberPickerProps {
  unionId: string
  /** member numbers already chosen: shown as chosen, not offered again */
  chosen: readonly string[]
  onPick: (row: RosterRow) => void
  onClose: () => void
}

/** Picks a member of the union's roster (在册) by tapping a name: nobody types a 会员编号. A name or phone narrows the list. */
export default function MemberPicker({ unionId, chosen, onPick, onClose }: MemberPickerProps) {
  const [typed, setTyped] = useState('')
  const [keyword, setKeyword] = useState('')
  const page = useAction(unionActions.roster, { unionId, status: 'active', limit: 20, ...(keyword ? { keyword } : {}) })
  const rows = page.data?.rows.filter((r) => !chosen.includes(r.memberNo)) ?? []
  return (
    <View className='ad__picker'>
      <Text className='ght-form__label'>选择会员（可按姓名或手机号查找）</Text>
      <View className='ad__picker-search'>
        <Input className='ght-form__input' name='memberKeyword' value={typed} placeholder='姓名或手机号' maxlength={20} onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setKeyword(typed.trim())} />
        <Button className='ght-button' onClick={() => setKeyword(typed.trim())}>
          查找
        </Button>
      </View>
      {page.data === undefined ? (
        <StateView state={page.error ? (page.isOffline ? 'offline' : 'error') : 'loading'} message={page.error?.message} onRetry={page.reload} />
      ) : rows.length === 0 ? (
        <Text className='ad__weak'>{keyword ? `没有找到“${keyword}”` : '名册上没有可选的会员'}</Text>
      ) : (
        rows.map((r) => (
          <View key={r.memberNo} className='ad__row ad__pick' role='button' onClick={() => onPick(r)}>
            <View>
              <Text className='ad__line'>{r.name}</Text>
              <Text className='ad__weak'>
                {r.memberNo} · {r.phoneMasked || '未留手机号'}
              </Text>
            </View>
            <Text className='ght-link'>选择</Text>
          </View>
        ))
      )}
      {page.data?.next && <Text className='ad__weak'>只列出前20人，找不到请输入姓名查找</Text>}
      <Button className='ght-button' onClick={onClose}>
        不添加了
      </Button>
    </View>
  )
}
