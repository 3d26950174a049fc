import { configure } from '@testing-library/dom'

/**
 * How long findBy…/waitFor may wait for the page to show something. testing-library's default of 1 s is a
 * quiet machine's: a render, an effect, a stubbed call and the re-render behind it took longer than that at
 * load 20 on 2 shared cores. Every such wait is for a condition and ends as soon as it holds; this only
 * bounds how long before the test says which one never came.
 */
export const WAIT_MS = 10_000

/** Applies WAIT_MS to the testing-library loaded now (again after every launchApp, which loads it afresh). */
export function useTestWaits(apply: typeof configure = configure): void {
  apply({ asyncUtilTimeout: WAIT_MS })
}

useTestWaits()
