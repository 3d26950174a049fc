import { Text } from '@tarojs/components'
import './FieldError.scss'

export interface FieldErrorProps {
  /** `error.fields` of a failed call (dot-joined field path → Chinese problem) */
  fields: Record<string, string> | undefined
  /** the field this line belongs to, e.g. `child.name` */
  name: string
}

/** The problem with one form field, in words (not only in red), under the field. */
export default function FieldError({ fields, name }: FieldErrorProps) {
  const problem = fields?.[name]
  if (!problem) return null
  return (
    <Text className='field-error'>
      ！{problem}
    </Text>
  )
}
