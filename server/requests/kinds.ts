/**
 * Every request kind the engine knows. Each line imports a module that calls registerKind(…);
 * add one line per kind. Kind modules import server/requests/registry, never engine.ts.
 */
import './matterKind'
import '../membership/kinds'
import '../aid/kind'
import '../events/kind'
import '../union/foundingKind'
import '../union/expulsionKind'
