// Data-parallel training over threads that share the kernels' memory: what the trainer and the host import.
export { DataParallel, type DataParallelOptions, type ReplicaSetup, type ReplicaThreads, type SharedMemory } from './data-parallel';
export { DEFAULT_SPINS } from './channel';
export { runReplica } from './run-replica';
export { stepMacs, threadsPay } from './threads-pay';
