using System.Security.Cryptography;
using System.Text;
using Sweep.Config.Parsing;
using Sweep.Training.Data;

namespace Sweep.Config;

/// <summary>
/// Reads sweep files: YAML (or JSON, which is YAML) describing the data, the network, how to train it, and the grid
/// of settings to try.
/// <code>
/// name: course-init              # required: the sweep's identity in the store, [A-Za-z0-9._-]+
/// description: free text         # optional
/// dataset:                       # required; exactly one of three forms, paths relative to this file's folder
///   train: data/train.csv        #   a training and a test file ...
///   test: data/test.csv
///   label: y                     #   the label column (default: the last column)
///   normalize: true              #   z-score inputs with training statistics (default true; searchable)
///   # ... or one file split in two: train: all.csv, test_fraction: 0.25, split_seed: 1 (default 1),
///   #     rng: numpy (default; or xoshiro)
///   # ... or a generator: generator: circles|moons|spirals|blobs, examples: 500, noise: 0.2 (default 0),
///   #     seed: 1 (default 1), classes / dimensions / factor (where the generator has them),
///   #     test_fraction: 0.25, split_seed, rng
///   validation_fraction: 0.2     #   any form: the share of the training examples (after the test split) held
///                                #   out to choose trials by, split by split_seed and rng (default: none)
/// model:
///   hidden: [10, 5]              # required (fixed here or as a search axis); [] is logistic regression
///   activation: relu             # relu (default), leaky_relu, tanh, sigmoid, elu, selu
///   output: sigmoid              # sigmoid or softmax; default sigmoid for 2 classes, softmax for more
/// training:                      # every key optional; defaults are the engine's
///   initializer: he              # he (default), zeros, random:&lt;scale&gt;, he_uniform, xavier, glorot_uniform, lecun, lecun_uniform
///   seed: 1                      # seeds the initial weights (default 1)
///   l2_lambda: 0                 # L2 penalty, 0 or more (default 0)
///   keep_prob: 1                 # inverted dropout keep probability in (0, 1] (default 1: no dropout)
///   iterations: 10000            # positive (default 10000)
///   learning_rate: 0.01          # positive (default 0.01)
///   record_every: 1000           # positive (default 1000)
///   batch_size: 0                # 0 = full batch (default)
///   optimizer: gd                # gd (default), momentum, adam
///   beta1: 0.9                   # momentum's beta / Adam's beta1, in [0, 1)
///   beta2: 0.999                 # Adam's beta2, in [0, 1)
///   adam_epsilon: 1e-8           # positive
///   gradient_clip_norm: 0        # 0 = no clipping (default)
///   dropout_masks: fresh         # fresh (default) or fixed (drawn once: the course's dropout notebook)
///   dropout_seed: 4              # default seed + 1
///   shuffle_seed: 5              # default seed + 2
///   rng: numpy                   # numpy (default) or xoshiro
/// strategy: grid                 # grid (default): every combination of the listed values is a configuration;
///                                #   or { name: random, samples: 40, seed: 0 }: configuration i drawn from (seed, i) alone;
///                                #   or { name: tpe, samples: 40, seed: 0, parallel: 8, multivariate: false }
/// search:
///   initializer: [zeros, "random:10", he]   # a list: a grid axis, or a choice for random and tpe
///   learning_rate: [0.1, 0.01]
///   hidden: [[10, 5], [20]]      # a list of alternatives, each a list of sizes
///   # random and tpe also take ranges: l2_lambda: { uniform: [0, 1] }, learning_rate: { log_uniform: [1e-4, 1] },
///   #   iterations: { int: [200, 2000] }, batch_size: { int: [8, 256], log: true }
/// repeats: 1                     # each configuration runs as this many trials, seeds training.seed, +1, ...
/// gradient_check:                # or gradient_check: false
///   enabled: true                # default true
///   epsilon: 1e-6                # defaults are the engine's GradientCheckOptions
///   threshold: 1e-5
///   max_examples: 32
/// metric: test_accuracy          # test_accuracy (default), train_accuracy, test_cost, train_cost,
///                                # validation_accuracy, validation_cost (these need dataset.validation_fraction)
/// </code>
/// <para>
/// Every setting under <c>model</c> and <c>training</c>, and <c>normalize</c>, may instead be a search axis under
/// the same name; a setting given both ways is an error. To run exactly chosen points rather than a full product,
/// <c>search</c> may be a list of grids whose trials are all run, as scikit-learn's <c>param_grid</c> list of dicts
/// (a setting a grid does not list takes its fixed value or default):
/// </para>
/// <code>
/// search:                        # three trials, not the four of l2_lambda x keep_prob
///   - { l2_lambda: [0], keep_prob: [1] }       # no regularization
///   - { l2_lambda: [0.7] }                     # L2
///   - { keep_prob: [0.86] }                    # dropout
/// </code>
/// </summary>
public static class SweepFile
{
    /// <summary>
    /// A sweep file is a page of settings; anything larger is a wrong path (a data file, <c>/dev/zero</c>) and is
    /// refused before it is parsed.
    /// </summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>
    /// Reads the file once (a pipe or FIFO works) and checks it; every problem throws as one
    /// <see cref="SweepFileException"/>.
    /// </summary>
    public static SweepDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = FileBytes.Read(path, "sweep file", MaxFileBytes);
        }
        catch (DatasetException e)
        {
            throw Failure(path, e.Message.Replace($"the sweep file '{path}' ", "the sweep file ", StringComparison.Ordinal), e);
        }

        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return SweepFileParser.Parse(reader.ReadToEnd(), path, Hash(bytes));
    }

    /// <summary>
    /// Checks sweep file text; <paramref name="sourcePath"/> names it in errors, and relative data paths are relative
    /// to its folder. <see cref="SweepDefinition.FileHash"/> is the hash of the text's UTF-8 bytes.
    /// </summary>
    public static SweepDefinition Parse(string yamlText, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourcePath);
        return SweepFileParser.Parse(yamlText, sourcePath, Hash(Encoding.UTF8.GetBytes(yamlText)));
    }

    private static SweepFileException Failure(string path, string problem, Exception inner)
    {
        var errors = new ErrorList(path);
        errors.Add(node: null, keyPath: null, problem);
        return errors.ToException(inner);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
