// The declarative model spec: plain JSON that configs, the database and the API carry.

export type ActivationType = 'relu' | 'sigmoid' | 'tanh' | 'leaky_relu' | 'gelu';

/** The init types by name: `auto` picks He or Xavier by the activation that follows (see models/init-choice.ts). */
export const INIT_TYPES = ['auto', 'he', 'xavier', 'normal'] as const;
export type InitType = (typeof INIT_TYPES)[number];

/** How a weight starts: `normal` draws N(0, std²) (std 0.01 when absent); `std` belongs to `normal` only. */
export interface InitSpec {
  readonly type: InitType;
  readonly std?: number;
}

export type LayerSpec =
  | { type: 'linear'; units: number; init?: InitSpec }
  | { type: 'conv2d'; filters: number; kernel: number; stride?: number; padding?: number; init?: InitSpec }
  | { type: 'maxpool2d'; size: number; stride?: number }
  | { type: 'flatten' }
  | { type: 'dropout'; rate: number }
  | { type: 'relu' }
  | { type: 'sigmoid' }
  | { type: 'tanh' }
  | { type: 'leaky_relu'; slope?: number }
  | { type: 'gelu' };

export type LayerType = LayerSpec['type'];

/** A model: the shape of one input sample ([channels, height, width]), a list of layers, and how weights start. */
export interface ModelSpec {
  readonly input: readonly [number, number, number];
  readonly layers: readonly LayerSpec[];
  /** Every linear and conv layer's init unless the layer carries its own; absent means `auto`. */
  readonly init?: InitSpec;
}
