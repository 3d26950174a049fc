import { Picker, Text, View } from '@tarojs/components'
import { inChina } from '../../../shared/date'
import FieldError from '../FieldError'
import './form.scss'

/**
 * What is picked and how the value is kept (China time, as the forms send it):
 * date 'YYYY-MM-DD', datetime 'YYYY-MM-DD HH:mm', month 'YYYY-MM', monthDay 'MM-DD' (every year).
 */
export type DateFieldMode = 'date' | 'datetime' | 'month' | 'monthDay'

export interface DateFieldProps {
  label: string
  /** the path of the field in a failed call's `error.fields` */
  name: string
  value: string
  onChange: (value: string) => void
  mode?: DateFieldMode
  fields?: Record<string, string>
  hint?: string
  /** earliest and latest day that can be picked, 'YYYY-MM-DD' */
  start?: string
  end?: string
  /** what an empty field says (不限, 全年) */
  emptyText?: string
  /** a 清除 tap empties the field */
  clearable?: boolean
  /** the time a datetime gets when only its day has been picked */
  defaultTime?: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
const DAYS = Array.from({ length: 31 }, (_, i) => `${i + 1}日`)

/** 2026-12-05 → 2026年12月5日; 2026-12 → 2026年12月; 07-01 → 7月1日 (a value it cannot read is shown as it is). */
export function dateText(value: string, mode: DateFieldMode): string {
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?/.exec(value)
  if (mode === 'monthDay') {
    const md = /^(\d{1,2})-(\d{1,2})$/.exec(value)
    return md ? `${Number(md[1])}月${Number(md[2])}日` : value
  }
  if (!m) return value
  return m[3] ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${m[1]}年${Number(m[2])}月`
}

/** Today in China, 'YYYY-MM-DD', for a picker that opens on an empty field. */
const chinaToday = () => inChina(new Date()).format('YYYY-MM-DD')

/**
 * A date, a date and time, a month or a day of the year, picked, never typed: WeChat's own pickers on
 * the phone and Taro's scrolling columns on H5. Each part is one tap target showing what is chosen.
 */
export default function DateField({ label, name, value, onChange, mode = 'date', fields, hint, start, end, emptyText, clearable = false, defaultTime = '09:00' }: DateFieldProps) {
  const [day = '', time = ''] = value.trim().split(/\s+/)
  const trigger = (part: string, text: string, chosen: boolean) => (
    <View className={`ght-form__input ght-form__picked${chosen ? '' : ' ght-form__picked--empty'}`} role='button' ariaLabel={`${label}${part}：${chosen ? text : '未选择'}，点按选择`}>
      <Text>{text}</Text>
      <Text className='ght-form__picked-caret'>›</Text>
    </View>
  )
  let pickers
  if (mode === 'monthDay') {
    const md = /^(\d{1,2})-(\d{1,2})$/.exec(value)
    const index = md ? [Number(md[1]) - 1, Number(md[2]) - 1] : [0, 0]
    pickers = (
      <Picker className='ght-form__picker' mode='multiSelector' range={[MONTHS, DAYS]} value={index} onChange={(e) => {
        const [mi, di] = e.detail.value as number[]
        onChange(`${pad(mi + 1)}-${pad(di + 1)}`)
      }}>
        {trigger('', value ? dateText(value, mode) : (emptyText ?? '请选择'), Boolean(value))}
      </Picker>
    )
  } else {
    const dayValue = mode === 'month' ? day.slice(0, 7) : day
    pickers = (
      <>
        <Picker
          className='ght-form__picker'
          mode='date'
          fields={mode === 'month' ? 'month' : 'day'}
          value={dayValue || (mode === 'month' ? chinaToday().slice(0, 7) : chinaToday())}
          start={start}
          end={end}
          onChange={(e) => {
            const picked = String(e.detail.value)
            onChange(mode === 'datetime' ? `${picked} ${time || defaultTime}` : picked)
          }}
        >
          {trigger(mode === 'datetime' ? '日期' : '', dayValue ? dateText(dayValue, mode) : (emptyText ?? (mode === 'month' ? '选择月份' : '选择日期')), Boolean(dayValue))}
        </Picker>
        {mode === 'datetime' && (
          <Picker className='ght-form__picker ght-form__picker--time' mode='time' value={time || defaultTime} onChange={(e) => onChange(`${day || chinaToday()} ${String(e.detail.value)}`)}>
            {trigger('时间', time || '选择时间', Boolean(time))}
          </Picker>
        )}
      </>
    )
  }
  return (
    <View className='ght-form__field'>
      <Text className='ght-form__label'>{label}</Text>
      {hint && <Text className='ght-form__hint'>{hint}</Text>}
      <View className='ght-form__pickers'>
        {pickers}
        {clearable && value !== '' && (
          <View className='ght-form__clear' role='button' ariaLabel={`清除${label}`} onClick={() => onChange('')}>
            <Text>清除</Text>
          </View>
        )}
      </View>
      <FieldError fields={fields} name={name} />
    </View>
  )
}
