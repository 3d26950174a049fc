import { buildFunctions } from '../../scripts/build-functions'

/**
 * jest globalSetup of the `functions` project: tests run the deployable index.js, so build it first.
 * BUILD_FUNCTIONS=account,union narrows the build while another function is half-written.
 */
export default async function buildFunctionsOnce(): Promise<void> {
  const only = (process.env.BUILD_FUNCTIONS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  await buildFunctions(only)
}
