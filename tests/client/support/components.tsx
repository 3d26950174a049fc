import { createElement, type ReactNode } from 'react'

// Taro's own React build of its components (web components for H5)...
export * from '../../../node_modules/@tarojs/components/lib/react/index.js'

// ...except the two that exist only in mini-programs: rendered here as the plain nodes the weapp
// template emits, so tests can read the root font size a page asks for.
export function PageMeta({ rootFontSize, children }: { rootFontSize?: string; children?: ReactNode }) {
  return createElement('page-meta', { 'root-font-size': rootFontSize }, children)
}
export function NavigationBar({ title }: { title?: string }) {
  return createElement('navigation-bar', { title })
}
