import { Text, View } from '@tarojs/components'
import FieldError from '../../../components/FieldError'

export interface ChoicesProps<T extends string> {
  label: string
  name?: string
  value: T | null
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
  fields?: Record<string, string>
}

/** One choice out of a few, as large buttons (the chosen one says so with a ✓, not only colour). */
export default function Choices<T extends string>({ label, name, value, options, onChange, fields }: ChoicesProps<T>) {
  return (
    <View className='aid__field'>
      <Text className='aid__label'>{label}</Text>
      <View className='aid__choices' role='radiogroup'>
        {options.map((o) => (
          <View key={o.value} className={o.value === value ? 'aid__choice aid__choice--on' : 'aid__choice'} role='radio' onClick={() => onChange(o.value)}>
            <Text>
              {o.value === value ? '✓ ' : ''}
              {o.label}
            </Text>
          </View>
        ))}
      </View>
      {name && <FieldError fields={fields} name={name} />}
    </View>
  )
}

/** The options of a label table, in its order: `optionsOf(relationLabel)`. */
export function optionsOf<T extends string>(labels: Record<T, string>): Array<{ value: T; label: string }> {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))
}
