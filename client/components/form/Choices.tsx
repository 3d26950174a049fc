import { Text, View } from '@tarojs/components'
import FieldError from '../FieldError'
import './form.scss'

export interface ChoicesProps<T extends string> {
  /** '' for a row of choices with no label of its own */
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
    <View className='ght-form__field'>
      {label && <Text className='ght-form__label'>{label}</Text>}
      <View className='ght-form__choices' role='radiogroup'>
        {options.map((o) => (
          <View key={o.value} className={o.value === value ? 'ght-form__choice ght-form__choice--on' : 'ght-form__choice'} role='radio' onClick={() => onChange(o.value)}>
            <Text>{o.value === value ? `✓ ${o.label}` : o.label}</Text>
          </View>
        ))}
      </View>
      {name && <FieldError fields={fields} name={name} />}
    </View>
  )
}

/**
 * The options of a label table: `optionsOf(relationLabel)` in the table's own order, or
 * `optionsOf(eventKindLabel, EventKind.options)` in the order (and only with the values) given.
 */
export function optionsOf<T extends string>(labels: Record<T, string>, values: readonly T[] = Object.keys(labels) as T[]): Array<{ value: T; label: string }> {
  return values.map((value) => ({ value, label: labels[value] }))
}
