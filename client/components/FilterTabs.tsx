import { TabPane, Tabs } from './nut/tabs'
import './FilterTabs.scss'

export interface FilterTabsProps<T extends string> {
  value: T
  options: ReadonlyArray<{ value: T; label: string }>
  onChange: (value: T) => void
}

/**
 * The row of filters above a list (全部 / 入会申请 3 …, 在档 / 已退档), as NutUI's Tabs: one line that scrolls
 * sideways when the choices do not fit, the chosen one bold and underlined (not only coloured). Only the titles
 * are used: the list under it is the page's own, so the panes stay empty. Subpackage pages only: NutUI's
 * Tabs and its helpers would not fit the main package's budget.
 */
export default function FilterTabs<T extends string>({ value, options, onChange }: FilterTabsProps<T>) {
  return (
    <Tabs
      className='ght-tabs'
      value={value}
      align='left'
      onChange={(v) => {
        const chosen = options.find((o) => o.value === String(v))
        if (chosen) onChange(chosen.value)
      }}
    >
      {options.map((o) => (
        <TabPane key={o.value} value={o.value} title={o.label} />
      ))}
    </Tabs>
  )
}
