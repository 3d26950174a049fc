import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { qrRows } from './qrRows'
import './QrCode.scss'

export interface QrCodeProps {
  text: string
  /** what a screen reader says instead of the picture */
  label: string
}

/** A QR code drawn with Views (rows of dark/light runs), so it renders the same on weapp and H5. */
export default function QrCode({ text, label }: QrCodeProps) {
  const rows = useMemo(() => qrRows(text), [text])
  const size = rows.length
  return (
    <View className='qr-code' role='img' ariaLabel={label} data-qr-text={text}>
      {rows.map((row, r) => (
        <View key={r} className='qr-code__row' style={{ height: `${100 / size}%` }}>
          {row.map(([dark, length], i) => (
            <View key={i} className={dark ? 'qr-code__dark' : 'qr-code__light'} style={{ width: `${(length * 100) / size}%` }} />
          ))}
        </View>
      ))}
    </View>
  )
}
