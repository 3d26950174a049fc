import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import './FieldError.scss'

export interface FieldErrorProps {
  /** `error.fields` of a failed call (dot-joined field path → Chinese problem) */
  fields: Record<string, string> | undefined
  /** the field this line belongs to, e.g. `child.name` */
  name: string
}

/** The element id of a field's problem line: `child.name` → `field-error-child-name`. */
export const fieldErrorId = (name: string) => `field-error-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

/**
 * Which field's line brings a set of problems into view: the first FieldError React renders for it,
 * which is the first in the form (rendering follows the page from top to bottom), whatever the order of
 * the keys the server sent. Keyed by content, so a form that rebuilds an equal `fields` object each render
 * does not scroll again.
 */
const scrollOwner = new Map<string, string>()
function ownsScroll(fieldsKey: string, name: string): boolean {
  if (!scrollOwner.has(fieldsKey)) scrollOwner.set(fieldsKey, name)
  return scrollOwner.get(fieldsKey) === name
}

/**
 * The problem with one form field, in words (not only in red), under the field. Every field shows its
 * own problem at once, and the first problem in the form brings itself into view, with room above for
 * the field and its label.
 */
export default function FieldError({ fields, name }: FieldErrorProps) {
  const problem = fields?.[name]
  const fieldsKey = problem === undefined ? '' : JSON.stringify(fields)
  const first = problem !== undefined && ownsScroll(fieldsKey, name)
  useEffect(() => {
    if (!first) return
    void Promise.resolve(Taro.pageScrollTo({ selector: `#${fieldErrorId(name)}`, offsetTop: -120, duration: 200 })).catch(() => undefined)
  }, [fieldsKey, first, name])
  if (!problem) return null
  return (
    <Text className='field-error' id={fieldErrorId(name)}>
      ！{problem}
    </Text>
  )
}
