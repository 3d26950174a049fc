import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface CheckProps {
  checked: boolean
  onChange: (checked: boolean) => void
  children: ReactNode
}

/** A whole-line checkbox: the box shows ✓ and the full line is the touch target. */
export default function Check({ checked, onChange, children }: CheckProps) {
  return (
    <View className='ev__check' role='checkbox' onClick={() => onChange(!checked)}>
      <Text className={checked ? 'ev__box ev__box--on' : 'ev__box'}>{checked ? '✓' : ''}</Text>
      <View>{children}</View>
    </View>
  )
}
