import { Input, Picker, Text, View } from '@tarojs/components'
import FieldError from '../../../components/FieldError'
import { DATE_EXAMPLE, TIME_EXAMPLE, textOfDate } from '../time'
import '../../../components/form/form.scss'

export interface DateTimeFieldProps {
  label: string
  name: string
  /** 'YYYY-MM-DD HH:mm' (or 'YYYY-MM-DD' with `dateOnly`), China time; '' = not chosen */
  value: string
  onChange: (value: string) => void
  fields?: Record<string, string>
  dateOnly?: boolean
  hint?: string
}

/**
 * A date and time. weapp: WeChat's own date and time pickers. H5: one text box typed as
 * 2026-12-05 14:00, which a person on a laptop (or a browser test) can fill in one go.
 */
export default function DateTimeField({ label, name, value, onChange, fields, dateOnly = false, hint }: DateTimeFieldProps) {
  const [date = '', time = ''] = value.trim().split(/\s+/)
  return (
    <View className='ght-form__field'>
      <Text className='ght-form__label'>{label}</Text>
      {hint && <Text className='ght-form__hint'>{hint}</Text>}
      {__TARGET__ === 'h5' ? (
        <Input
          className='ght-form__input'
          name={name}
          value={value}
          placeholder={dateOnly ? `如 ${DATE_EXAMPLE}` : `如 ${TIME_EXAMPLE}`}
          maxlength={16}
          ariaLabel={label}
          onInput={(e) => onChange(e.detail.value)}
        />
      ) : (
        <View className='ev__pickers'>
          <Picker className='ev__picker' mode='date' value={date} onChange={(e) => onChange(dateOnly ? e.detail.value : `${e.detail.value} ${time || '09:00'}`)}>
            <View className='ght-form__input'>
              <Text>{date || '选择日期'}</Text>
            </View>
          </Picker>
          {!dateOnly && (
            <Picker className='ev__picker' mode='time' value={time || '09:00'} onChange={(e) => onChange(`${date || textOfDate(new Date())} ${e.detail.value}`)}>
              <View className='ght-form__input'>
                <Text>{time || '选择时间'}</Text>
              </View>
            </Picker>
          )}
        </View>
      )}
      <FieldError fields={fields} name={name} />
    </View>
  )
}

