// The declarative model spec: plain JSON that configs, the database and the API carry.

export type ActivationType = 'relu' | 'sigmoid' | 'tanh' | 'leaky_relu' | 'gelu';

export type LayerSpec =
  | { type: 'linear'; units: number }
  | { type: 'conv2d'; filters: number; kernel: number; stride?: number; padding?: number }
  | { type: 'maxpool2d'; size: number; stride?: number }
  | { type: 'flatten' }
  | { type: 'dropout'; rate: number }
  | { type: 'relu' }
  | { type: 'sigmoid' }
  | { type: 'tanh' }
  | { type: 'leaky_relu'; slope?: number }
  | { type: 'gelu' };

export type LayerType = LayerSpec['type'];

/** A model: the shape of one input sample ([channels, height, width]) and a list of layers. */
export interface ModelSpec {
  readonly input: readonly [number, number, number];
  readonly layers: readonly LayerSpec[];
}
