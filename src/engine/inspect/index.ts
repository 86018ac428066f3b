// Public face of the weight introspection: plain numbers and typed arrays, no rendering.
export { histogram, type Histogram } from './histogram';
export { l2Norm, valueStats, type ValueStats } from './stats';
export { summarizeParam, summarizeParams, type LayerSummary, type ParamSummary, type SummaryOptions } from './param-summary';
export { countDeadUnits, deadUnitMask, zeroWeightLines, type ZeroLines } from './dead-units';
export { convKernelImages, linearWeightImages, toImageStack, type ImageNormalization, type ImageOptions, type ImageStack } from './weight-images';
