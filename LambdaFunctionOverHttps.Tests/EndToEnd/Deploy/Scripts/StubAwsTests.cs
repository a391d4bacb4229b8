using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Scripts;

/// <summary>A fixture whose every test runs the scripts against a fresh stub AWS CLI.</summary>
public abstract class StubAwsTests
{
    /// <summary>The artifacts bucket deploy.sh creates for the stub's account in its default region.</summary>
    protected const string Bucket = $"dynamodbmanager-artifacts-{StubAws.Account}-eu-west-1";

    private StubAws? _aws;

    /// <summary>This test's stub: the calls it recorded, the answers it will give.</summary>
    private protected StubAws Aws => _aws ?? throw new InvalidOperationException("The stub is created in [SetUp].");

    [SetUp]
    public void CreateStub() => _aws = new StubAws();

    [TearDown]
    public void DeleteStub() => _aws?.Dispose();
}
