/** Registers the membership request kinds with the engine (imported once from server/requests/kinds.ts). */
import './join'
import './transfer'
