import { Input, Text, Textarea, View } from '@tarojs/components'
import FieldError from '../../../components/FieldError'

export interface FieldProps {
  label: string
  name: string
  value: string
  onChange: (value: string) => void
  fields?: Record<string, string>
  placeholder?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  maxlength?: number
  /** a several-line text (情况说明) */
  multiline?: boolean
  hint?: string
}

/** A labelled input with its problem written under it, in words. */
export default function Field({ label, name, value, onChange, fields, placeholder, type = 'text', maxlength = 50, multiline = false, hint }: FieldProps) {
  return (
    <View className='aid__field'>
      <Text className='aid__label'>{label}</Text>
      {hint && <Text className='aid__weak'>{hint}</Text>}
      {multiline ? (
        <Textarea className='aid__textarea' value={value} placeholder={placeholder} maxlength={maxlength} autoHeight onInput={(e) => onChange(e.detail.value)} />
      ) : (
        <Input className='aid__input' name={name} type={type} value={value} placeholder={placeholder} maxlength={maxlength} ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
      )}
      <FieldError fields={fields} name={name} />
    </View>
  )
}
