import qrcode from 'qrcode-generator'

/** One row of a QR code as runs of equal modules: [dark?, length] pairs, left to right. */
export type QrRow = Array<[boolean, number]>

/**
 * Encodes `text` and returns its rows as runs. Drawing runs instead of single modules keeps the
 * number of Views a few hundred (a 33×33 code has ~1,100 modules), which weapp renders quickly.
 */
export function qrRows(text: string): QrRow[] {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const n = qr.getModuleCount()
  const rows: QrRow[] = []
  for (let r = 0; r < n; r++) {
    const row: QrRow = []
    for (let c = 0; c < n; c++) {
      const dark = qr.isDark(r, c)
      const last = row[row.length - 1]
      if (last && last[0] === dark) last[1] += 1
      else row.push([dark, 1])
    }
    rows.push(row)
  }
  return rows
}
