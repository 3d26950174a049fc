import Taro from '@tarojs/taro'
import type { CallResult } from './api'

/**
 * Files that go between a union office's spreadsheets and the functions: an exported list opened on the
 * phone, and an Excel file picked to import.
 */

export type ExportFormat = 'xlsx' | 'csv'

/**
 * Opens an exported file. H5: saved through a blob, so the browser keeps its own name (<…>-<日期>.xlsx), not
 * the link's token. weapp: an Excel file is downloaded and opened in WeChat's viewer; WeChat cannot open
 * CSV, so its link is copied instead.
 */
export async function openExport(file: { url: string; fileName: string }, format: ExportFormat): Promise<void> {
  if (__TARGET__ === 'h5') {
    const res = await fetch(file.url)
    if (!res.ok) throw new Error(`download ${res.status}`)
    const href = URL.createObjectURL(await res.blob())
    const link = document.createElement('a')
    link.href = href
    link.download = file.fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(href), 60_000)
    return
  }
  if (format === 'csv') {
    await Taro.setClipboardData({ data: file.url })
    await Taro.showToast({ title: '链接已复制，请在电脑浏览器打开', icon: 'none', duration: 3000 })
    return
  }
  const downloaded = await Taro.downloadFile({ url: file.url })
  if (downloaded.statusCode !== 200) throw new Error(`download ${downloaded.statusCode}`)
  await Taro.openDocument({ filePath: downloaded.tempFilePath, fileType: 'xlsx', showMenu: true })
}

/** null when the person closed the picker without choosing */
export type PickedFile = { name: string; bytes: Uint8Array } | null

/** An .xlsx the person picks: H5 a file input, weapp a file from a chat (chooseMessageFile: WeChat has no file browser). */
export async function pickXlsx(): Promise<PickedFile> {
  if (__TARGET__ === 'h5') {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    const file = await new Promise<File | null>((resolve) => {
      input.onchange = () => resolve(input.files?.[0] ?? null)
      input.addEventListener('cancel', () => resolve(null))
      input.click()
    })
    return file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null
  }
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
  } catch {
    return null
  }
  const picked = chosen.tempFiles[0]
  if (!picked) return null
  const read = Taro.getFileSystemManager().readFileSync(picked.path)
  if (typeof read === 'string') throw new Error('read as text')
  return { name: picked.name, bytes: new Uint8Array(read) }
}

/** weapp has no btoa: its own encoder there, the browser's in H5. */
export function toBase64(bytes: Uint8Array): string {
  if (__TARGET__ !== 'h5') return Taro.arrayBufferToBase64(bytes.slice().buffer)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

const ATTEMPTS = 3

/** Tries a call up to three times while the answer does not come back (a lost network), waiting a little longer each time. */
export async function withRetry<T>(send: () => Promise<CallResult<T>>): Promise<CallResult<T>> {
  let last = await send()
  for (let attempt = 1; attempt < ATTEMPTS && !last.ok && last.offline; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 800 * attempt))
    last = await send()
  }
  return last
}
