/* Node-API bindings of the native kernels (ABI-stable: one binary serves every Node and Electron version).
 * Arguments are checked by the TypeScript wrapper (src/main/native/native-kernels.ts); here only their types. */
#include <node_api.h>
#include <stdlib.h>
#include "nnw.h"

#define MAX_ARGS 20

static napi_value fail(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  size_t argc;
  int bad;
} args_t;

static void read_args(napi_env env, napi_callback_info info, args_t *a) {
  a->env = env;
  a->argc = MAX_ARGS;
  a->bad = napi_get_cb_info(env, info, &a->argc, a->argv, NULL, NULL) != napi_ok;
}

/* The data of a typed array of `type`, or NULL for null/undefined (when `optional`). */
static void *array_at(args_t *a, size_t i, napi_typedarray_type type, int optional) {
  if (i >= a->argc) return a->bad = 1, NULL;
  napi_valuetype vt;
  napi_typeof(a->env, a->argv[i], &vt);
  if (optional && (vt == napi_null || vt == napi_undefined)) return NULL;
  napi_typedarray_type t;
  size_t length;
  void *data;
  if (napi_get_typedarray_info(a->env, a->argv[i], &t, &length, &data, NULL, NULL) != napi_ok || t != type) return a->bad = 1, NULL;
  return data;
}
static float *f32(args_t *a, size_t i) { return array_at(a, i, napi_float32_array, 0); }
static float *f32_or_null(args_t *a, size_t i) { return array_at(a, i, napi_float32_array, 1); }
static int32_t *i32s(args_t *a, size_t i) { return array_at(a, i, napi_int32_array, 0); }
static uint32_t *u32s(args_t *a, size_t i) { return array_at(a, i, napi_uint32_array, 0); }
static size_t len(args_t *a, size_t i) {
  size_t length = 0;
  if (i < a->argc) napi_get_typedarray_info(a->env, a->argv[i], NULL, &length, NULL, NULL, NULL);
  return length;
}
static int i32(args_t *a, size_t i) {
  int32_t v = 0;
  if (i >= a->argc || napi_get_value_int32(a->env, a->argv[i], &v) != napi_ok) a->bad = 1;
  return v;
}
static double f64(args_t *a, size_t i) {
  double v = 0;
  if (i >= a->argc || napi_get_value_double(a->env, a->argv[i], &v) != napi_ok) a->bad = 1;
  return v;
}
static const nnw_micro *micro(args_t *a, size_t i) {
  const nnw_micro *mk = nnw_micro_id(i32(a, i));
  if (!mk) a->bad = 1;
  return mk;
}
/* The 10 int32 of a conv geometry: c, h, w, f, kh, kw, stride, pad, oh, ow. */
static nnw_conv conv(args_t *a, size_t i) {
  nnw_conv g = {0};
  int32_t *v = i32s(a, i);
  if (v && len(a, i) >= 10) g = (nnw_conv){v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]};
  else a->bad = 1;
  return g;
}

static napi_value done(args_t *a, int status) {
  if (a->bad) return fail(a->env, "native kernels: bad argument");
  if (status) return fail(a->env, "native kernels: out of memory");
  return NULL;
}

#define BINDING(NAME) static napi_value NAME(napi_env env, napi_callback_info info)
#define ARGS        \
  args_t a;         \
  read_args(env, info, &a);
#define CALL(expr) (a.bad ? 0 : (expr))

BINDING(isa_names) {
  napi_value list;
  napi_create_array(env, &list);
  for (int id = 0, k = 0; id < nnw_micro_count(); id++) {
    napi_value name;
    napi_create_string_utf8(env, nnw_micro_id(id) ? nnw_micro_name(id) : "", NAPI_AUTO_LENGTH, &name);
    napi_set_element(env, list, k++, name);
  }
  return list;
}

BINDING(gemm) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  int st = CALL(nnw_gemm(mk, i32(&a, 1), i32(&a, 2), i32(&a, 3), i32(&a, 4), i32(&a, 5), f32(&a, 6), i32(&a, 7), f32(&a, 8), i32(&a, 9),
                         f32(&a, 10), i32(&a, 11), i32(&a, 12), f32_or_null(&a, 13), i32(&a, 14), i32(&a, 15), f32_or_null(&a, 16)));
  return done(&a, st);
}

BINDING(linear_forward) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  int st = CALL(nnw_linear_forward(mk, i32(&a, 1), i32(&a, 2), i32(&a, 3), f32(&a, 4), f32(&a, 5), f32(&a, 6), i32(&a, 7), f32(&a, 8)));
  return done(&a, st);
}

BINDING(conv_forward) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  nnw_conv g = conv(&a, 1);
  int st = CALL(nnw_conv_forward(mk, &g, i32(&a, 2), f32(&a, 3), f32(&a, 4), f32(&a, 5), i32(&a, 6), f32(&a, 7)));
  return done(&a, st);
}

BINDING(conv_param_grads) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  nnw_conv g = conv(&a, 1);
  int st = CALL(nnw_conv_param_grads(mk, &g, i32(&a, 2), f32(&a, 3), f32(&a, 4), f32(&a, 5), f32(&a, 6)));
  return done(&a, st);
}

BINDING(conv_input_grad) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  nnw_conv g = conv(&a, 1);
  int st = CALL(nnw_conv_input_grad(mk, &g, i32(&a, 2), f32(&a, 3), f32(&a, 4), f32(&a, 5)));
  return done(&a, st);
}

BINDING(conv_relu_pool_forward) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  nnw_conv g = conv(&a, 1);
  int st = CALL(nnw_conv_relu_pool_forward(mk, &g, i32(&a, 2), i32(&a, 3), i32(&a, 4), f32(&a, 5), f32(&a, 6), f32(&a, 7), f32(&a, 8), i32s(&a, 9)));
  return done(&a, st);
}

BINDING(conv_relu_pool_param_grads) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  nnw_conv g = conv(&a, 1);
  int st = CALL(nnw_conv_relu_pool_param_grads(mk, &g, i32(&a, 2), i32(&a, 3), i32(&a, 4), f32(&a, 5), f32(&a, 6), i32s(&a, 7), f32(&a, 8),
                                               f32(&a, 9), f32(&a, 10)));
  return done(&a, st);
}

BINDING(conv_relu_pool_input_grad) {
  ARGS const nnw_micro *mk = micro(&a, 0);
  nnw_conv g = conv(&a, 1);
  int st = CALL(nnw_conv_relu_pool_input_grad(mk, &g, i32(&a, 2), i32(&a, 3), i32(&a, 4), f32(&a, 5), i32s(&a, 6), f32(&a, 7), f32(&a, 8),
                                              f32(&a, 9)));
  return done(&a, st);
}

BINDING(im2col) {
  ARGS nnw_conv g = conv(&a, 0);
  const float *x = f32(&a, 1);
  float *cols = f32(&a, 2);
  if (!a.bad) nnw_im2col(x, &g, cols);
  return done(&a, 0);
}

BINDING(col2im) {
  ARGS nnw_conv g = conv(&a, 0);
  const float *cols = f32(&a, 1);
  float *dx = f32(&a, 2);
  if (!a.bad) nnw_col2im(cols, &g, dx);
  return done(&a, 0);
}

BINDING(max_pool_forward) {
  ARGS const float *x = f32(&a, 0);
  float *y = f32(&a, 8);
  int32_t *argmax = i32s(&a, 9);
  if (!a.bad) nnw_max_pool_forward(x, i32(&a, 1), i32(&a, 2), i32(&a, 3), i32(&a, 4), i32(&a, 5), i32(&a, 6), i32(&a, 7), y, argmax);
  return done(&a, 0);
}

BINDING(max_pool_backward) {
  ARGS const float *dy = f32(&a, 0);
  const int32_t *argmax = i32s(&a, 1);
  float *dx = f32(&a, 2);
  if (!a.bad) nnw_max_pool_backward(dy, argmax, (int)len(&a, 1), dx, (int)len(&a, 2));
  return done(&a, 0);
}

BINDING(max_pool_relu_backward) {
  ARGS const float *dy = f32(&a, 0);
  const int32_t *argmax = i32s(&a, 1);
  const float *y = f32(&a, 2);
  float *dx = f32(&a, 3);
  if (!a.bad) nnw_max_pool_relu_backward(dy, argmax, y, (int)len(&a, 1), dx, i32(&a, 4));
  return done(&a, 0);
}

BINDING(relu_forward) {
  ARGS const float *x = f32(&a, 0);
  float *y = f32(&a, 1);
  if (!a.bad) nnw_relu_forward(x, y, len(&a, 0));
  return done(&a, 0);
}

BINDING(relu_backward) {
  ARGS const float *x = f32(&a, 0);
  const float *dy = f32(&a, 1);
  float *dx = f32(&a, 2);
  if (!a.bad) nnw_relu_backward(x, dy, dx, len(&a, 0));
  return done(&a, 0);
}

BINDING(sum_squares) {
  ARGS const float *x = f32(&a, 0);
  double s = a.bad ? 0 : nnw_sum_squares(x, len(&a, 0));
  if (a.bad) return done(&a, 0);
  napi_value out;
  napi_create_double(env, s, &out);
  return out;
}

BINDING(axpy) {
  ARGS const float *x = f32(&a, 1);
  float *y = f32(&a, 2);
  if (!a.bad) nnw_axpy((float)f64(&a, 0), x, y, len(&a, 1));
  return done(&a, 0);
}

BINDING(momentum_step) {
  ARGS float *w = f32(&a, 0);
  const float *g = f32(&a, 1);
  float *v = f32(&a, 2);
  if (!a.bad) nnw_momentum_step(w, g, v, (float)f64(&a, 3), (float)f64(&a, 4), len(&a, 0));
  return done(&a, 0);
}

BINDING(adam_step) {
  ARGS float *w = f32(&a, 0);
  const float *g = f32(&a, 1);
  float *m = f32(&a, 2), *v = f32(&a, 3);
  if (!a.bad)
    nnw_adam_step(w, g, m, v, (float)f64(&a, 4), (float)f64(&a, 5), (float)f64(&a, 6), (float)f64(&a, 7), (float)f64(&a, 8), (float)f64(&a, 9),
                  (float)f64(&a, 10), len(&a, 0));
  return done(&a, 0);
}

BINDING(momentum_step_l2) {
  ARGS float *w = f32(&a, 0);
  float *g = f32(&a, 1), *v = f32(&a, 2);
  if (!a.bad) nnw_momentum_step_l2(w, g, v, (float)f64(&a, 3), (float)f64(&a, 4), (float)f64(&a, 5), len(&a, 0));
  return done(&a, 0);
}

BINDING(adam_step_l2) {
  ARGS float *w = f32(&a, 0);
  float *g = f32(&a, 1), *m = f32(&a, 2), *v = f32(&a, 3);
  if (!a.bad)
    nnw_adam_step_l2(w, g, m, v, (float)f64(&a, 4), (float)f64(&a, 5), (float)f64(&a, 6), (float)f64(&a, 7), (float)f64(&a, 8), (float)f64(&a, 9),
                     (float)f64(&a, 10), (float)f64(&a, 11), len(&a, 0));
  return done(&a, 0);
}

/* gatherRows(src, rows, size, dst): the wrapper checked every row index and dst's length. */
BINDING(gather_rows) {
  ARGS const float *src = f32(&a, 0);
  const uint32_t *rows = u32s(&a, 1);
  const int size = i32(&a, 2);
  float *dst = f32(&a, 3);
  if (!a.bad) nnw_gather_rows(src, rows, len(&a, 1), (size_t)size, dst);
  return done(&a, 0);
}

NAPI_MODULE_INIT() {
  const napi_property_descriptor props[] = {
      {"isaNames", NULL, isa_names, NULL, NULL, NULL, napi_default, NULL},
      {"gemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
      {"linearForward", NULL, linear_forward, NULL, NULL, NULL, napi_default, NULL},
      {"convForward", NULL, conv_forward, NULL, NULL, NULL, napi_default, NULL},
      {"convParamGrads", NULL, conv_param_grads, NULL, NULL, NULL, napi_default, NULL},
      {"convInputGrad", NULL, conv_input_grad, NULL, NULL, NULL, napi_default, NULL},
      {"convReluPoolForward", NULL, conv_relu_pool_forward, NULL, NULL, NULL, napi_default, NULL},
      {"convReluPoolParamGrads", NULL, conv_relu_pool_param_grads, NULL, NULL, NULL, napi_default, NULL},
      {"convReluPoolInputGrad", NULL, conv_relu_pool_input_grad, NULL, NULL, NULL, napi_default, NULL},
      {"im2col", NULL, im2col, NULL, NULL, NULL, napi_default, NULL},
      {"col2im", NULL, col2im, NULL, NULL, NULL, napi_default, NULL},
      {"maxPoolForward", NULL, max_pool_forward, NULL, NULL, NULL, napi_default, NULL},
      {"maxPoolBackward", NULL, max_pool_backward, NULL, NULL, NULL, napi_default, NULL},
      {"maxPoolReluBackward", NULL, max_pool_relu_backward, NULL, NULL, NULL, napi_default, NULL},
      {"reluForward", NULL, relu_forward, NULL, NULL, NULL, napi_default, NULL},
      {"reluBackward", NULL, relu_backward, NULL, NULL, NULL, napi_default, NULL},
      {"sumSquares", NULL, sum_squares, NULL, NULL, NULL, napi_default, NULL},
      {"axpy", NULL, axpy, NULL, NULL, NULL, napi_default, NULL},
      {"momentumStep", NULL, momentum_step, NULL, NULL, NULL, napi_default, NULL},
      {"adamStep", NULL, adam_step, NULL, NULL, NULL, napi_default, NULL},
      {"momentumStepL2", NULL, momentum_step_l2, NULL, NULL, NULL, napi_default, NULL},
      {"adamStepL2", NULL, adam_step_l2, NULL, NULL, NULL, napi_default, NULL},
      {"gatherRows", NULL, gather_rows, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
