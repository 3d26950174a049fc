import { Input, Text, Textarea, View } from '@tarojs/components'
import FieldError from '../FieldError'
import './form.scss'

export interface FieldProps {
  label: string
  /** the path of the field in a failed call's `error.fields` (`child.name`, `answers.f1`) */
  name: string
  value: string
  onChange: (value: string) => void
  fields?: Record<string, string>
  placeholder?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  maxlength?: number
  /** a several-line text (情况说明, 活动介绍) */
  multiline?: boolean
  hint?: string
}

/** A labelled input with its problem written under it, in words. */
export default function Field({ label, name, value, onChange, fields, placeholder, type = 'text', maxlength = 50, multiline = false, hint }: FieldProps) {
  return (
    <View className='ght-form__field'>
      <Text className='ght-form__label'>{label}</Text>
      {hint && <Text className='ght-form__hint'>{hint}</Text>}
      {multiline ? (
        <Textarea className='ght-form__textarea' name={name} value={value} placeholder={placeholder} maxlength={maxlength} autoHeight onInput={(e) => onChange(e.detail.value)} />
      ) : (
        <Input className='ght-form__input' name={name} type={type} value={value} placeholder={placeholder} maxlength={maxlength} ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
      )}
      <FieldError fields={fields} name={name} />
    </View>
  )
}
