// Typed errors thrown by the engine; each names what failed so callers can show it as is.

/** Base class: `name` survives crossing a process boundary as `{ name, message }`. */
export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Tensor shapes that do not fit an operation, e.g. "matMul: inner sizes 3 and 4 must match". */
export class ShapeError extends EngineError {}

/** An invalid configuration value; `field` is the path of the offending field. */
export class ConfigError extends EngineError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** A dataset file that is missing, truncated or not what it claims to be; `file` names it. */
export class DatasetError extends EngineError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
