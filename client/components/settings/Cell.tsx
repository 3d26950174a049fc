import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './settings.scss'

/**
 * One row of a settings list (title, optional description, something on the right), drawn with plain
 * Views. The 我的 tab uses it instead of NutUI's Cell: NutUI's component, its CSS and the helpers it pulls in
 * (lodash.kebabcase, classnames, babel's regenerator) cost about 20 KiB of the main package (issue 13).
 * Same props as the NutUI Cell the tab used.
 */
export function Cell({ title, description, extra, clickable, onClick }: { title: string; description?: string; extra?: ReactNode; clickable?: boolean; onClick?: () => void }) {
  return (
    <View className={`ght-cell${clickable ? ' ght-cell--clickable' : ''}`} hoverClass={clickable ? 'ght-cell--pressed' : 'none'} role={clickable ? 'button' : undefined} onClick={onClick}>
      <View className='ght-cell__body'>
        <Text className='ght-cell__title'>{title}</Text>
        {description && <Text className='ght-cell__description'>{description}</Text>}
      </View>
      {extra !== undefined && <View className='ght-cell__extra'>{extra}</View>}
    </View>
  )
}
