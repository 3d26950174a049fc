import { NavigationBar, PageMeta, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useLargeType } from '../hooks/useLargeType'
import { weappRootFontSize } from '../services/largeType'
import { goBack } from '../services/navigation'
import './PageShell.scss'

export interface PageShellProps {
  /** page title, shown as the page heading (and in WeChat's navigation bar) */
  title: string
  /** a 返回 link above the heading; tab pages leave it off */
  back?: boolean
  children?: ReactNode
}

/**
 * The frame of every page. It carries the large-type root font size (weapp: <PageMeta>, which must be
 * the page's first node and needs `enablePageMeta: true` — use `pageConfig()` from client/pageConfig),
 * and a heading in rem, because WeChat's own navigation bar stops growing at 20px.
 */
export default function PageShell({ title, back = false, children }: PageShellProps) {
  const [large] = useLargeType()
  return (
    <>
      {__TARGET__ === 'weapp' && (
        // Taro 4.2.1's weapp template forwards root-font-size but not page-font-size; pages set `font-size: 1rem`.
        <PageMeta rootFontSize={weappRootFontSize(large)}>
          <NavigationBar title={title} />
        </PageMeta>
      )}
      <View className={large ? 'page-shell page-shell--large' : 'page-shell'}>
        {__TARGET__ === 'h5' ? (
          // H5 has no WeChat navigation bar: the app's red bar, with the title and the way back, drawn here.
          <View className='page-shell__bar'>
            {back && (
              <View className='page-shell__bar-back' onClick={goBack}>
                <Text>‹ 返回</Text>
              </View>
            )}
            <Text className='page-shell__bar-title'>{title}</Text>
          </View>
        ) : (
          <>
            {back && (
              <View className='page-shell__back' onClick={goBack}>
                <Text>‹ 返回</Text>
              </View>
            )}
            <Text className='page-shell__title'>{title}</Text>
          </>
        )}
        <View className='page-shell__body'>{children}</View>
      </View>
    </>
  )
}
