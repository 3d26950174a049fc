/** Switches the build target the client code sees (`__TARGET__`), as a weapp or an H5 build would. */
export function buildAs(target: 'weapp' | 'h5'): void {
  Object.assign(globalThis, { __TARGET__: target })
}
