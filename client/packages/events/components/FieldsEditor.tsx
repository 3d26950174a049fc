import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import type { FormFieldType } from '../../../../shared/events/schemas'
import FieldError from '../../../components/FieldError'
import Check from '../../../components/form/Check'
import Choices from '../../../components/form/Choices'
import Field from '../../../components/form/Field'

/** One extra question of the sign-up form as the chair types it. */
export interface FieldDraft {
  key: string
  label: string
  type: FormFieldType
  required: boolean
  /** choices, separated by 、 or commas */
  options: string
  min: string
  max: string
}

const typeOptions: Array<{ value: FormFieldType; label: string }> = [
  { value: 'text', label: '填空' },
  { value: 'choice', label: '单选' },
  { value: 'number', label: '数字' },
  { value: 'phone', label: '手机号' },
  { value: 'idNumber', label: '身份证号' },
]
const MAX_FIELDS = 8

/** The key after the highest in use (f1, f2, …), so answers already given to a field keep their meaning. */
function nextKey(fields: readonly FieldDraft[]): string {
  const highest = Math.max(0, ...fields.map((f) => Number(f.key.slice(1)) || 0))
  return `f${highest + 1}`
}

export const splitOptions = (text: string): string[] =>
  text
    .split(/[、,，;；\n]+/)
    .map((o) => o.trim())
    .filter((o) => o !== '')

export interface FieldsEditorProps {
  value: FieldDraft[]
  onChange: (fields: FieldDraft[]) => void
  fields?: Record<string, string>
}

/** 报名表填写项: what else a person fills in when signing up (衣服尺码, 班次 …). */
export default function FieldsEditor({ value, onChange, fields }: FieldsEditorProps) {
  const set = (i: number, change: Partial<FieldDraft>) => onChange(value.map((f, k) => (k === i ? { ...f, ...change } : f)))
  return (
    <View className='ght-form__field'>
      <Text className='ght-form__label'>报名时还要填写的内容（可不加）</Text>
      <Text className='ev__weak'>姓名和单位会自动带上，不用再问。</Text>
      {value.map((f, i) => {
        const at = `event.fields.${i}`
        return (
          <View key={f.key} className='ev__box-line'>
            <Field label={`填写项${i + 1}：名称`} name={`${at}.label`} value={f.label} onChange={(label) => set(i, { label })} fields={fields} placeholder='如：衣服尺码' maxlength={12} />
            <Choices label='怎么填' name={`${at}.type`} value={f.type} options={typeOptions} onChange={(type) => set(i, { type })} fields={fields} />
            {f.type === 'choice' && (
              <Field label='选项' name={`${at}.options`} value={f.options} onChange={(options) => set(i, { options })} fields={fields} placeholder='用顿号分开，如：S、M、L' maxlength={160} />
            )}
            {(f.type === 'phone' || f.type === 'idNumber') && <Text className='ev__weak'>报名时核对格式，加密保存；名单和导出只显示部分号码。只在确有需要时才收集。</Text>}
            {f.type === 'number' && (
              <View>
                <Field label='最小值（可不填）' name={`${at}.min`} type='number' value={f.min} onChange={(min) => set(i, { min })} fields={fields} maxlength={9} />
                <Field label='最大值（可不填）' name={`${at}.max`} type='number' value={f.max} onChange={(max) => set(i, { max })} fields={fields} maxlength={9} />
              </View>
            )}
            <Check checked={f.required} onChange={(required) => set(i, { required })}>
              <Text>必须填写</Text>
            </Check>
            <Button className='ght-button' onClick={() => onChange(value.filter((_, k) => k !== i))}>
              删除这一项
            </Button>
          </View>
        )
      })}
      <FieldError fields={fields} name='event.fields' />
      {value.length < MAX_FIELDS && (
        <Button className='ght-button' onClick={() => onChange([...value, { key: nextKey(value), label: '', type: 'text', required: true, options: '', min: '', max: '' }])}>
          添加填写项
        </Button>
      )}
    </View>
  )
}
