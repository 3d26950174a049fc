import { Input, Text, View } from '@tarojs/components'
import FieldError from '../../../components/FieldError'

export interface TextFieldProps {
  label: string
  name: string
  value: string
  onChange: (value: string) => void
  fields: Record<string, string> | undefined
  placeholder?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  maxlength?: number
}

/** A labelled input with its problem written under it. */
export default function TextField({ label, name, value, onChange, fields, placeholder, type = 'text', maxlength = 50 }: TextFieldProps) {
  return (
    <View className='mb__field'>
      <Text className='mb__label'>{label}</Text>
      <Input
        className='mb__input'
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        ariaLabel={label}
        onInput={(e) => onChange(e.detail.value)}
      />
      <FieldError fields={fields} name={name} />
    </View>
  )
}
