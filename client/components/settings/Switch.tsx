import { View } from '@tarojs/components'
import './settings.scss'

/**
 * An on/off switch drawn with a View, for the main package (see Cell.tsx for why not NutUI's). The whole
 * switch is the touch target; screen readers hear a switch and its state. `loadingIcon` is accepted so it
 * stays a drop-in for NutUI's Switch; there is no loading state.
 */
export function Switch({ checked, onChange, ariaLabel, disabled }: { checked: boolean; onChange: (on: boolean) => void; ariaLabel?: string; disabled?: boolean; loadingIcon?: null }) {
  return (
    <View
      className={`ght-switch${checked ? ' ght-switch--on' : ''}${disabled ? ' ght-switch--disabled' : ''}`}
      role='switch'
      // the state is read out with the name, as elsewhere in the app (Taro's View has no aria-checked)
      ariaLabel={`${ariaLabel ?? '开关'}，${checked ? '已开启' : '已关闭'}`}
      onClick={(e) => {
        // the row under it may be clickable too: a toggle is only a toggle
        e.stopPropagation()
        if (!disabled) onChange(!checked)
      }}
    >
      <View className='ght-switch__knob' />
    </View>
  )
}
