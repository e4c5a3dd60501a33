namespace Sweep.Training.Regularization;

/// <summary>When inverted-dropout masks are drawn.</summary>
public enum DropoutMaskMode
{
    /// <summary>New masks every iteration: ordinary dropout.</summary>
    Fresh,

    /// <summary>
    /// Masks drawn once and reused at every iteration. The course's dropout notebook re-seeds the generator before
    /// every forward pass, which amounts to this; it is how its published numbers are reproduced.
    /// </summary>
    Fixed,
}
