/**
 * The pure core of the filing-order lifecycle: order types, states, the one transition table and `decide`, the
 * verify step's type detection, and the one-only limits. No I/O: the lead's `transition()` applies the decisions.
 */
export * from './detect-type.ts';
export * from './limits.ts';
export * from './order-types.ts';
export * from './refusals.ts';
export * from './states.ts';
export * from './transitions.ts';
