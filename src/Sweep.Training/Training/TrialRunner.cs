using System.Diagnostics;
using Sweep.Training.Activations;
using Sweep.Training.Data;
using Sweep.Training.Diagnostics;
using Sweep.Training.GradientChecking;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Models;
using Sweep.Training.Networks;
using Sweep.Training.Normalization;
using Sweep.Training.Random;

namespace Sweep.Training.Training;

/// <summary>
/// Runs one trial end to end on the calling thread: normalize (statistics from the training set only, so neither the
/// validation nor the test rows leak into it; a regression's target too), initialize, gradient-check, train, evaluate
/// on train, validation (when held out) and test. This is what a sweep runs once per grid point.
/// </summary>
public static class TrialRunner
{
    public static TrialReport Run(TrialDefinition definition, DatasetSplit data, Action<TrainingRecord>? onRecord = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        TrainingOptions options = definition.Training;
        options.Validate();

        ZScoreNormalizer? normalization = definition.Normalize ? ZScoreNormalizer.Fit(data.Train) : null;
        Dataset train = normalization?.Apply(data.Train) ?? data.Train;
        Dataset test = normalization?.Apply(data.Test) ?? data.Test;
        Dataset? validation = data.Validation is null ? null : normalization?.Apply(data.Validation) ?? data.Validation;

        IOutputLayer output = OutputLayerRegistry.Create(definition.Output);
        int[] sizes = [train.FeatureCount, .. definition.Hidden, output.UnitsFor(train.Classes.Count)];
        TargetScaling? scaling = train.IsRegression ? TargetScaling.Fit(train.Targets) : null;
        double[] y = scaling?.Standardize(train.Targets) ?? train.Targets;
        var architecture = new NetworkArchitecture(sizes, ActivationRegistry.Create(definition.HiddenActivation), output);
        IInitializer initializer = InitializerRegistry.Create(definition.Initializer);
        double[] parameters = ParameterInitialization.Create(architecture, initializer, RandomSources.Create(options.Random, options.Seed));

        GradientCheckResult? check = null;
        if (definition.GradientCheck is not null)
        {
            check = GradientChecker.Check(
                architecture, parameters, train.Features, y, options.L2Lambda, options.KeepProb,
                RandomSources.Create(options.Random, options.EffectiveDropoutSeed), definition.GradientCheck);
            if (!check.Passed)
            {
                string worst = string.Join(", ", check.Worst.Take(3).Select(w => $"{w.Position} (backprop {w.Analytic:G6}, numeric {w.Numeric:G6})"));
                string failure = check.NumericGradientVanished
                    ? $"gradient check failed: the numeric gradient vanishes (norm {check.NumericNorm:G4}) while backprop's does not (norm {check.AnalyticNorm:G4}): "
                        + $"epsilon {definition.GradientCheck.Epsilon:G4} is too small for the cost's rounding, or backprop is wrong where the true gradient is 0; worst {worst}"
                    : $"gradient check failed: difference {check.Difference:G4} > {check.Threshold:G4}; worst {worst}";
                return new TrialReport(TrialStatus.GradientCheckFailed, check, null, null, [], 0, null, failure, clock.Elapsed) { Notes = data.Notes };
            }
        }

        TrainingResult result = new Trainer(architecture, options, train.Features, y).Train(parameters, onRecord, cancellationToken);
        if (result.Outcome != TrainingOutcome.Completed)
        {
            TrialStatus status = result.Outcome == TrainingOutcome.Diverged ? TrialStatus.Diverged : TrialStatus.Cancelled;
            string message = result.DivergenceReason ?? $"cancelled after {result.IterationsRun} iterations";
            return new TrialReport(status, check, null, null, result.Records, result.IterationsRun, null, message, clock.Elapsed) { Notes = data.Notes };
        }

        var evaluator = new NetworkEvaluator(architecture);
        Evaluation Evaluate(Dataset set) => scaling is null
            ? evaluator.Evaluate(result.Parameters, set.Features, set.Targets)
            : evaluator.EvaluateValues(result.Parameters, set.Features, set.Targets, scaling);
        Evaluation trainEvaluation = Evaluate(train);
        Evaluation testEvaluation = Evaluate(test);
        Evaluation? validationEvaluation = validation is null ? null : Evaluate(validation);
        var model = new TrainedModel(architecture, result.Parameters, normalization, train.Classes) { Encoding = data.Encoding, TargetScaling = scaling };
        return new TrialReport(TrialStatus.Completed, check, trainEvaluation, testEvaluation, result.Records, result.IterationsRun, model, null, clock.Elapsed)
        {
            Validation = validationEvaluation,
            Notes = data.Notes,
        };
    }
}
