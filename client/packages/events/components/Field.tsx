import { Input, Text, Textarea, View } from '@tarojs/components'
import FieldError from '../../../components/FieldError'

export interface FieldProps {
  label: string
  /** the path of the field in a failed call's `error.fields` (`event.title`, `answers.f1`) */
  name: string
  value: string
  onChange: (value: string) => void
  fields?: Record<string, string>
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  multiline?: boolean
  hint?: string
}

/** A labelled input with its problem written under it, in words. */
export default function Field({ label, name, value, onChange, fields, placeholder, type = 'text', maxlength = 40, multiline = false, hint }: FieldProps) {
  return (
    <View className='ev__field'>
      <Text className='ev__label'>{label}</Text>
      {hint && <Text className='ev__weak'>{hint}</Text>}
      {multiline ? (
        <Textarea className='ev__textarea' name={name} value={value} placeholder={placeholder} maxlength={maxlength} autoHeight onInput={(e) => onChange(e.detail.value)} />
      ) : (
        <Input className='ev__input' name={name} type={type} value={value} placeholder={placeholder} maxlength={maxlength} ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
      )}
      <FieldError fields={fields} name={name} />
    </View>
  )
}
