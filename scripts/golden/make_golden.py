#!/usr/bin/python3
"""Golden fixtures from PyTorch: small forward/backward cases the engine is checked against.

Regenerate (from the repository root, with Debian's python3-torch):

    /usr/bin/python3 scripts/golden/make_golden.py

(`/usr/bin/python3` because a pyenv `python3` earlier on PATH may not see Debian's torch.)
Writes src/engine/testing/golden/*.json; src/engine/golden.test.ts reads them.

Conventions of every file:
  * a tensor is {"shape": [...], "data": [flat row-major floats]}; labels are plain int lists;
  * inputs (x, weights, biases, upstream grads, optimizer grads) are float32-exact numbers, so the
    engine sees exactly the values PyTorch saw; everything is computed in float64 and outputs are
    written with 12 significant digits;
  * layouts are PyTorch's: Linear weight [out, in], Conv2d weight [F, C, kh, kw];
  * backward cases give an upstream gradient `dy` (the gradient of sum(y * dy)) and the resulting
    `dx` and parameter grads.
The script is deterministic: fixed seeds, no randomness from the clock, sorted JSON keys.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'engine', 'testing', 'golden')
torch.set_default_dtype(torch.float64)


def f32(t):
    """Rounds a float64 tensor to float32-representable values (kept as float64)."""
    return t.float().double()


def rand(gen, *shape, scale=1.0):
    return f32(torch.randn(*shape, generator=gen) * scale)


def enc_in(t):
    """An input tensor: float32-exact, written with float32's shortest round-trip digits (9 significant)."""
    t = t.detach()
    return {'shape': list(t.shape), 'data': [float('%.9g' % v) for v in t.flatten().tolist()]}


def enc_out(t):
    """A computed tensor: float64, 12 significant digits (far below float32's resolution)."""
    t = t.detach()
    return {'shape': list(t.shape), 'data': [float('%.12g' % v) for v in t.flatten().tolist()]}


def header(what):
    return {'generator': 'scripts/golden/make_golden.py', 'torch_version': torch.__version__, 'dtype': 'float64', 'what': what}


def backward_case(fn, inputs, params, dy):
    """Runs y = fn(*inputs, *params), backprops dy; returns y and the grads of inputs and params."""
    leaves = [t.clone().requires_grad_(True) for t in inputs + params]
    y = fn(*leaves)
    (y * dy).sum().backward()
    return y, [t.grad for t in leaves]


def linear_cases():
    g = torch.Generator().manual_seed(1)
    n, fin, fout = 3, 4, 5
    x, w, b = rand(g, n, fin), rand(g, fout, fin, scale=0.5), rand(g, fout, scale=0.1)
    dy = rand(g, n, fout)
    y, (dx, dw, db) = backward_case(F.linear, [x], [w, b], dy)
    case = {'name': 'linear 4->5, N=3', 'in_features': fin, 'out_features': fout,
            'x': enc_in(x), 'weight': enc_in(w), 'bias': enc_in(b), 'dy': enc_in(dy),
            'y': enc_out(y), 'dx': enc_out(dx), 'dweight': enc_out(dw), 'dbias': enc_out(db)}
    return {**header('nn.Linear forward + backward; weight is [out, in]'), 'cases': [case]}


def conv_cases():
    g = torch.Generator().manual_seed(2)
    cases = []
    for stride, pad in [(1, 0), (2, 1)]:
        n, c, h, f, k = 2, 2, 6, 3, 3
        x, w, b = rand(g, n, c, h, h), rand(g, f, c, k, k, scale=0.4), rand(g, f, scale=0.1)
        oh = (h + 2 * pad - k) // stride + 1
        dy = rand(g, n, f, oh, oh)
        fn = lambda xx, ww, bb: F.conv2d(xx, ww, bb, stride=stride, padding=pad)
        y, (dx, dw, db) = backward_case(fn, [x], [w, b], dy)
        cases.append({'name': f'conv2d N=2 C=2 6x6 F=3 k=3 stride={stride} pad={pad}',
                      'filters': f, 'kernel': k, 'stride': stride, 'padding': pad,
                      'x': enc_in(x), 'weight': enc_in(w), 'bias': enc_in(b), 'dy': enc_in(dy),
                      'y': enc_out(y), 'dx': enc_out(dx), 'dweight': enc_out(dw), 'dbias': enc_out(db)})
    return {**header('nn.Conv2d forward + backward; weight is [F, C, kh, kw]'), 'cases': cases}


def maxpool_cases():
    g = torch.Generator().manual_seed(3)
    cases = []
    # The second case overlaps windows (size 3, stride 2), so backward must accumulate into dx.
    for (n, c, h, size, stride) in [(2, 2, 6, 2, 2), (1, 2, 7, 3, 2)]:
        x = rand(g, n, c, h, h)
        oh = (h - size) // stride + 1
        dy = rand(g, n, c, oh, oh)
        fn = lambda xx: F.max_pool2d(xx, size, stride)
        y, (dx,) = backward_case(fn, [x], [], dy)
        cases.append({'name': f'maxpool2d {size}x{size} stride {stride} on [{n}, {c}, {h}, {h}]',
                      'size': size, 'stride': stride,
                      'x': enc_in(x), 'dy': enc_in(dy), 'y': enc_out(y), 'dx': enc_out(dx)})
    return {**header('nn.MaxPool2d forward + backward (inputs have no ties)'), 'cases': cases}


def activation_cases():
    g = torch.Generator().manual_seed(4)
    # Spread over [-6, 6], plus a few hand-picked points; exact zero is avoided (ReLU's kink).
    x = f32(torch.cat([torch.linspace(-6, 6, 13) + 0.125, rand(g, 15, scale=2.0),
                       torch.tensor([-0.001, 0.001, 20.0, -20.0])]).reshape(4, 8))
    dy = rand(g, 4, 8)
    fns = [
        ({'type': 'relu'}, F.relu),
        ({'type': 'sigmoid'}, torch.sigmoid),
        ({'type': 'tanh'}, torch.tanh),
        ({'type': 'leaky_relu', 'slope': 0.01}, lambda t: F.leaky_relu(t, 0.01)),
        ({'type': 'gelu'}, lambda t: F.gelu(t, approximate='tanh')),
    ]
    cases = []
    for spec, fn in fns:
        y, (dx,) = backward_case(fn, [x], [], dy)
        cases.append({'name': spec['type'], 'spec': spec, 'x': enc_in(x), 'dy': enc_in(dy),
                      'y': enc_out(y), 'dx': enc_out(dx)})
    return {**header('activations forward + backward; gelu is the tanh approximation'), 'cases': cases}


def ce_case(name, logits, labels):
    z = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(z, labels, reduction='mean')
    loss.backward()
    return {'name': name, 'logits': enc_in(logits), 'labels': labels.tolist(),
            'loss': float('%.12g' % loss.item()), 'dlogits': enc_out(z.grad)}


def loss_cases():
    g = torch.Generator().manual_seed(5)
    labels = torch.tensor([0, 3, 4, 1, 3, 2])
    # NOTE: the second case overflows exp() unless the row max is subtracted first.
    big = f32(torch.tensor([[1000.0, 1001.0, 999.0], [-500.0, 500.0, 499.5]]))
    cases = [ce_case('softmax cross-entropy, 6x5', rand(g, 6, 5, scale=2.0), labels),
             ce_case('softmax cross-entropy, large logits', big, torch.tensor([1, 2]))]
    return {**header('softmax + cross-entropy, mean over the batch; dlogits = (softmax - onehot) / N'), 'cases': cases}


def l2_cases():
    g = torch.Generator().manual_seed(6)
    lam = f32(torch.tensor(1e-3)).item()
    ws = [rand(g, 5, 4), rand(g, 3, 2, 3, 3)]
    leaves = [w.clone().requires_grad_(True) for w in ws]
    penalty = lam * sum((w * w).sum() for w in leaves)
    penalty.backward()
    case = {'name': 'L2 over two weight tensors', 'lambda': lam, 'weights': [enc_in(w) for w in ws],
            'penalty': float('%.12g' % penalty.item()), 'grads': [enc_out(w.grad) for w in leaves]}
    return {**header('L2 penalty lambda * sum(w^2) over weights (not biases); grad = 2 * lambda * w'), 'cases': [case]}


def mlp_cases():
    g = torch.Generator().manual_seed(7)
    n = 6
    x = rand(g, n, 4)
    labels = torch.tensor([0, 2, 1, 1, 0, 2])
    w1, b1 = rand(g, 5, 4, scale=0.6), rand(g, 5, scale=0.1)
    w2, b2 = rand(g, 3, 5, scale=0.6), rand(g, 3, scale=0.1)
    leaves = [t.clone().requires_grad_(True) for t in (w1, b1, w2, b2)]
    h = F.relu(F.linear(x, leaves[0], leaves[1]))
    logits = F.linear(h, leaves[2], leaves[3])
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    case = {'name': 'MLP 4-5-3 ReLU, softmax cross-entropy (mean)', 'layers': [
                {'type': 'linear', 'units': 5}, {'type': 'relu'}, {'type': 'linear', 'units': 3}],
            'x': enc_in(x), 'labels': labels.tolist(),
            'params': {'0.weight': enc_in(w1), '0.bias': enc_in(b1), '2.weight': enc_in(w2), '2.bias': enc_in(b2)},
            'hidden': enc_out(h), 'logits': enc_out(logits), 'loss': float('%.12g' % loss.item()),
            'grads': {'0.weight': enc_out(leaves[0].grad), '0.bias': enc_out(leaves[1].grad),
                      '2.weight': enc_out(leaves[2].grad), '2.bias': enc_out(leaves[3].grad)}}
    return {**header('tiny MLP end to end; linear weights are [out, in]'), 'cases': [case]}


OPTIM_NOTES = {
    'sgd': 'w -= lr * g',
    'momentum': 'PyTorch formulation v = mu*v + g (v starts at g); w -= lr*v. '
                'The engine\'s v = beta*v - lr*g; w += v is identical for a constant lr (v_engine = -lr*v_torch).',
    'rmsprop': 's = alpha*s + (1-alpha)*g^2; w -= lr * g / (sqrt(s) + eps)  (eps outside the sqrt).',
    'adam': 'm = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; w -= lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps).',
}


def optim_cases():
    g = torch.Generator().manual_seed(8)
    w0 = rand(g, 2, 3)
    # The last element's grads are tiny, so where eps sits (inside or outside the sqrt) shows.
    grads = []
    for _ in range(3):
        gt = rand(g, 2, 3, scale=0.5)
        gt[1, 2] = f32(torch.tensor(1e-4 * (1 + len(grads))))
        grads.append(gt)
    specs = [
        ({'type': 'sgd'}, 0.1, lambda p, lr: torch.optim.SGD(p, lr=lr)),
        ({'type': 'momentum', 'momentum': 0.9}, 0.1, lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9)),
        ({'type': 'rmsprop', 'rho': 0.9, 'eps': 1e-8}, 0.01,
         lambda p, lr: torch.optim.RMSprop(p, lr=lr, alpha=0.9, eps=1e-8)),
        ({'type': 'adam', 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8}, 0.01,
         lambda p, lr: torch.optim.Adam(p, lr=lr, betas=(0.9, 0.999), eps=1e-8)),
    ]
    cases = []
    for spec, lr, make in specs:
        w = w0.clone().requires_grad_(True)
        opt = make([w], lr)
        traj = []
        for gt in grads:
            w.grad = gt.clone()
            opt.step()
            traj.append(enc_out(w))
        cases.append({'name': spec['type'], 'spec': spec, 'lr': lr, 'formula': OPTIM_NOTES[spec['type']],
                      'w0': enc_in(w0), 'grads': [enc_in(gt) for gt in grads], 'weights_after_step': traj})
    return {**header('3 optimizer steps on a fixed param/grad sequence (grads do not depend on w); '
                     'spec field names are the engine\'s, hyperparameters are PyTorch\'s'), 'cases': cases}


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    files = {'linear': linear_cases, 'conv2d': conv_cases, 'maxpool2d': maxpool_cases,
             'activations': activation_cases, 'loss': loss_cases, 'l2': l2_cases, 'mlp': mlp_cases,
             'optim': optim_cases}
    total = 0
    for name, make in files.items():
        text = json.dumps(make(), sort_keys=True, separators=(',', ':')) + '\n'
        path = os.path.join(OUT_DIR, name + '.json')
        with open(path, 'w') as fh:
            fh.write(text)
        total += len(text)
        print(f'{os.path.relpath(path)}: {len(text)} bytes')
    print(f'total {total} bytes', file=sys.stderr)


if __name__ == '__main__':
    main()
