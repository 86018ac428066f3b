{
  "targets": [
    {
      "target_name": "nnw_kernels",
      "sources": ["src/addon.c", "src/micro.c", "src/gemm.c", "src/ops.c", "src/vector.c", "src/conv.c", "src/conv_direct.c", "src/conv_micro.c"],
      "cflags_c": ["-std=gnu11", "-O3", "-fno-math-errno"],
      "xcode_settings": { "OTHER_CFLAGS": ["-std=gnu11", "-O3", "-fno-math-errno"] }
    }
  ]
}
