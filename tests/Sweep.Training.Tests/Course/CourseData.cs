using Sweep.Training.Data;

namespace Sweep.Training.Tests.Course;

/// <summary>The course's data sets, copied into the repository's data/ folder and beside the test assembly.</summary>
internal static class CourseData
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "data", fileName);

    public static DatasetSplit Circles() =>
        CsvDatasetReader.ReadTrainTest(PathOf("circles_train.csv"), PathOf("circles_test.csv"), "y");

    public static DatasetSplit Football() =>
        CsvDatasetReader.ReadTrainTest(PathOf("football_train.csv"), PathOf("football_test.csv"), "y");
}
