import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import type { z } from 'zod'
import { formatDateTime } from '../../../../shared/date'
import { eventsExportActions } from '../../../../shared/events/actions'
import type { ExportResult } from '../../../../shared/events/schemas'
import { call } from '../../../services/api'
import { openExport as open } from '../../../services/files'

type Exported = z.infer<typeof ExportResult>
type Format = 'xlsx' | 'csv'

/**
 * 导出名单 for the union's own records. H5: the browser opens the file's link. weapp: an Excel file is
 * downloaded and opened in WeChat's viewer; WeChat cannot open CSV, so its link is copied instead.
 */
export default function ExportButtons({ eventId, unionId }: { eventId: string; unionId?: string }) {
  const [busy, setBusy] = useState<Format | null>(null)
  const [file, setFile] = useState<Exported | null>(null)
  const [problem, setProblem] = useState('')

  async function exportAs(format: Format) {
    if (busy) return
    setBusy(format)
    setProblem('')
    const res = await call(eventsExportActions.exportParticipants, { eventId, format, ...(unionId ? { unionId } : {}) })
    if (!res.ok) {
      setBusy(null)
      return setProblem(res.error.message)
    }
    setFile(res.data)
    try {
      await open(res.data, format)
    } catch {
      setProblem('文件已生成，但没能打开，请点下面的“打开文件”再试')
    }
    setBusy(null)
  }

  return (
    <View>
      <View className='ev__choices'>
        <Button className='ght-button' onClick={() => exportAs('xlsx')} disabled={busy !== null}>
          {busy === 'xlsx' ? '正在导出…' : '导出Excel'}
        </Button>
        <Button className='ght-button' onClick={() => exportAs('csv')} disabled={busy !== null}>
          {busy === 'csv' ? '正在导出…' : '导出CSV'}
        </Button>
      </View>
      {problem && <Text className='ev__error'>{problem}</Text>}
      {file && (
        <View className='ev__box-line'>
          <Text className='ev__line'>
            已导出{file.rows}条：{file.fileName}
          </Text>
          <Text className='ev__weak'>下载链接{formatDateTime(file.expiresAt)}前有效。</Text>
          {__TARGET__ === 'h5' && (
            <Button className='ght-button' onClick={() => void open(file, file.fileName.endsWith('.csv') ? 'csv' : 'xlsx').catch(() => setProblem('没能打开文件，请再试一次'))}>
              打开文件
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
