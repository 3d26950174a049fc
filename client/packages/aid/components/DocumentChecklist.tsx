import { Image, Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { useState } from 'react'
import type { DocumentItem } from '../../../../shared/aid/config'
import FieldError from '../../../components/FieldError'
import { chooseAndUpload } from '../upload'
import '../../../components/form/form.scss'

export interface UploadedDoc {
  code: string
  fileId: string
  /** a local preview path; empty after the app restarted (the upload itself is kept) */
  preview: string
}

export interface DocumentChecklistProps {
  items: readonly DocumentItem[]
  docs: readonly UploadedDoc[]
  onChange: (docs: UploadedDoc[]) => void
  proxyId?: string
  fields?: Record<string, string>
}

/** 材料清单: each document photographed or picked, compressed, uploaded with retries, and replaceable. */
export default function DocumentChecklist({ items, docs, onChange, proxyId, fields }: DocumentChecklistProps) {
  const [progress, setProgress] = useState<Record<string, string>>({})
  const [problems, setProblems] = useState<Record<string, string>>({})

  async function pick(code: string) {
    if (progress[code]) return
    setProblems((p) => ({ ...p, [code]: '' }))
    const outcome = await chooseAndUpload(code, proxyId, (text) => setProgress((p) => ({ ...p, [code]: text })))
    setProgress((p) => ({ ...p, [code]: '' }))
    if (!outcome.ok) {
      if (!outcome.cancelled) setProblems((p) => ({ ...p, [code]: outcome.message }))
      return
    }
    onChange([...docs.filter((d) => d.code !== code), { code, fileId: outcome.fileId, preview: outcome.preview }])
  }

  return (
    <View>
      {items.map((item) => {
        const doc = docs.find((d) => d.code === item.code)
        return (
          <View key={item.code} className='aid__member'>
            <Text className='ght-form__label'>
              {item.label}
              {item.required ? '（必交）' : '（如有请上传）'}
            </Text>
            {item.hint && <Text className='aid__weak'>{item.hint}</Text>}
            {doc ? <Text className='aid__ok'>✓ 已上传</Text> : <Text className='aid__weak'>还没有上传</Text>}
            {doc?.preview ? <Image className='aid__doc-image' src={doc.preview} mode='aspectFit' /> : null}
            {progress[item.code] ? <Text className='aid__weak'>{progress[item.code]}</Text> : null}
            {problems[item.code] ? <Text className='field-error'>！{problems[item.code]}</Text> : null}
            <FieldError fields={fields} name={`documents.${item.code}`} />
            <Button className='ght-button' onClick={() => pick(item.code)} disabled={Boolean(progress[item.code])} ariaLabel={`${doc ? '重新上传' : '上传'}${item.label}`}>
              {doc ? `重新上传${item.label}` : `拍照或选择照片：${item.label}`}
            </Button>
          </View>
        )
      })}
      <FieldError fields={fields} name='documents' />
    </View>
  )
}
