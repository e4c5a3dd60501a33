using Sweep.Training.Optimizers;
using Sweep.Training.Random;
using Sweep.Training.Regularization;

namespace Sweep.Training.Training;

/// <summary>How one network is trained. Defaults are the course's full-batch gradient descent.</summary>
public sealed record TrainingOptions
{
    /// <summary>Parameter updates (with full batches, the same as epochs).</summary>
    public int Iterations { get; init; } = 10000;

    public double LearningRate { get; init; } = 0.01;

    /// <summary>Record cost and diagnostics at iterations 0, k, 2k, ... and at the last one.</summary>
    public int RecordEvery { get; init; } = 1000;

    public double L2Lambda { get; init; }

    /// <summary>Inverted dropout on hidden layers; 1 turns dropout off.</summary>
    public double KeepProb { get; init; } = 1.0;

    public DropoutMaskMode DropoutMasks { get; init; } = DropoutMaskMode.Fresh;

    /// <summary>Examples per update; 0 means the full batch. Batches reshuffle at every pass over the data.</summary>
    public int BatchSize { get; init; }

    public OptimizerSettings Optimizer { get; init; } = new();

    /// <summary>Clip the gradient to this global L2 norm; 0 means no clipping.</summary>
    public double GradientClipNorm { get; init; }

    public RandomKind Random { get; init; } = RandomKind.Numpy;

    /// <summary>Seeds the initial weights.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seeds the dropout masks; defaults to <see cref="Seed"/> + 1.</summary>
    public int? DropoutSeed { get; init; }

    /// <summary>Seeds the mini-batch order; defaults to <see cref="Seed"/> + 2.</summary>
    public int? ShuffleSeed { get; init; }

    public int EffectiveDropoutSeed => DropoutSeed ?? unchecked(Seed + 1);

    public int EffectiveShuffleSeed => ShuffleSeed ?? unchecked(Seed + 2);

    public bool UsesDropout => KeepProb < 1.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first impossible setting.</summary>
    public void Validate()
    {
        Require(Iterations > 0, $"iterations must be positive (got {Iterations})");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"learning_rate must be a positive number (got {LearningRate})");
        Require(RecordEvery > 0, $"record_every must be positive (got {RecordEvery})");
        Require(double.IsFinite(L2Lambda) && L2Lambda >= 0, $"l2_lambda must be 0 or more (got {L2Lambda})");
        Require(KeepProb > 0 && KeepProb <= 1, $"keep_prob must be in (0, 1] (got {KeepProb})");
        Require(BatchSize >= 0, $"batch_size must be 0 (full batch) or positive (got {BatchSize})");
        Require(double.IsFinite(GradientClipNorm) && GradientClipNorm >= 0, $"gradient_clip_norm must be 0 (off) or positive (got {GradientClipNorm})");
        Require(OptimizerSettings.Names.Contains(Optimizer.Name.Trim().ToLowerInvariant()), $"unknown optimizer '{Optimizer.Name}': expected gd, momentum or adam");
        Require(Optimizer.Beta1 is >= 0 and < 1 && Optimizer.Beta2 is >= 0 and < 1, "optimizer betas must be in [0, 1)");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
