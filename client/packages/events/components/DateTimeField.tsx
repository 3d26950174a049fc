import DateField from '../../../components/form/DateField'

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
 * An event's date and time, picked on H5 and weapp alike (the shared DateField). A date-only field is
 * a filter that may stay empty (不限).
 */
export default function DateTimeField({ label, name, value, onChange, fields, dateOnly = false, hint }: DateTimeFieldProps) {
  return dateOnly ? (
    <DateField label={label} name={name} value={value} onChange={onChange} fields={fields} hint={hint} mode='date' emptyText='不限' />
  ) : (
    <DateField label={label} name={name} value={value} onChange={onChange} fields={fields} hint={hint} mode='datetime' />
  )
}
