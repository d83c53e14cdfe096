using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.MLNet;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;

// usage: MLNetScoringSample MODEL.json PATIENTS.csv
// PATIENTS.csv has a header and one column per model feature: numbers (empty = missing), categories by level name.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MLNetScoringSample MODEL.json PATIENTS.csv");
    return 1;
}
var artifact = ModelJson.ReadArtifactFile(args[0]);
var ml = new MLContext(seed: 1);

// An ordinary ML.NET text loader, typed from the model's own schema: text for categories, doubles for numbers.
var header = File.ReadLines(args[1]).First().Split(',');
var columns = artifact.Model.Features.Select(f => new TextLoader.Column(
    f.Name, f.Kind == FeatureKind.Categorical ? DataKind.String : DataKind.Double, Array.IndexOf(header, f.Name))).ToArray();
// MissingRealsAsNaNs: an empty number is missing (NaN), not ML.NET's default of 0.
var patients = ml.Data.CreateTextLoader(new TextLoader.Options
{
    Columns = columns, Separators = [','], HasHeader = true, MissingRealsAsNaNs = true,
}).Load(args[1]);

// Our model file as one step of an ML.NET pipeline.
var pipeline = ml.Transforms.ScoreWithPredictorModel(artifact);
var scored = pipeline.Fit(patients).Transform(patients);

var probabilities = scored.GetColumn<double>("Probability");
var labels = scored.GetColumn<bool>("PredictedLabel");
foreach (var (probability, label) in probabilities.Zip(labels))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probability={probability:R} predicted={(label ? 1 : 0)}"));
return 0;
