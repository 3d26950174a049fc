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
    <View className='ev__field'>
      {label && <Text className='ev__label'>{label}</Text>}
      <View className='ev__choices' role='radiogroup'>
        {options.map((o) => (
          <View key={o.value} className={o.value === value ? 'ev__choice ev__choice--on' : 'ev__choice'} role='radio' onClick={() => onChange(o.value)}>
            <Text>{o.value === value ? `✓ ${o.label}` : o.label}</Text>
          </View>
        ))}
      </View>
      {name && <FieldError fields={fields} name={name} />}
    </View>
  )
}

/** The options of a label table, in its order: `optionsOf(eventKindLabel)`. */
export function optionsOf<T extends string>(labels: Record<T, string>, values: readonly T[]): Array<{ value: T; label: string }> {
  return values.map((value) => ({ value, label: labels[value] }))
}
