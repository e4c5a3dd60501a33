using Sweep.Training.Networks;
using Sweep.Training.Random;

namespace Sweep.Training.Regularization;

/// <summary>
/// Inverted dropout on the hidden layers: <c>D = rand(n_l, m) &lt; keep_prob</c>, stored as <c>D / keep_prob</c>
/// so that the forward pass computes <c>A * D / keep_prob</c> and the backward pass <c>dA * D / keep_prob</c> with
/// one multiplication. Masks are drawn layer by layer, row-major, like the course's <c>np.random.rand</c> calls.
/// </summary>
public sealed class Dropout
{
    private readonly NetworkArchitecture _architecture;
    private readonly RandomSource _random;
    private readonly double _keepProb;
    private readonly DropoutMaskMode _mode;
    private bool _drawn;

    public Dropout(NetworkArchitecture architecture, double keepProb, DropoutMaskMode mode, RandomSource random)
    {
        if (!(keepProb > 0 && keepProb <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(keepProb), keepProb, "keep_prob must be in (0, 1]");
        }

        _architecture = architecture;
        _keepProb = keepProb;
        _mode = mode;
        _random = random;
    }

    /// <summary>
    /// Fills the workspace's masks for a batch of this many examples. Fixed masks are drawn once, for the workspace's
    /// whole capacity, and a shorter batch uses their leading part, so they stay fixed across mini-batches too.
    /// </summary>
    public void Prepare(Propagation propagation, int examples)
    {
        propagation.KeptScale = 1.0 / _keepProb;
        if (_mode == DropoutMaskMode.Fixed)
        {
            if (_drawn)
            {
                return;
            }

            examples = propagation.Capacity;
        }

        double scale = 1.0 / _keepProb;
        for (int l = 1; l < _architecture.LayerCount; l++)
        {
            _random.FillKeepMask(propagation.Mask(l, examples), _keepProb, scale);
        }

        _drawn = true;
    }
}
