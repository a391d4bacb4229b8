using FluentAssertions;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;

/// <summary>
/// deploy/aws/template.yaml against the official CloudFormation resource specification, and the
/// check itself against templates CloudFormation would refuse.
/// </summary>
[Category("Deploy")]
public class CloudFormationSpecTests
{
    // A valid template the broken cases below each change in one place.
    private const string Valid = """
        Parameters:
          Size:
            Type: Number
            Default: 128
            MinValue: 128
          Mode:
            Type: String
            Default: "on"
            AllowedValues: ["on", "off"]
        Conditions:
          IsOn: !Equals [!Ref Mode, "on"]
          IsOff: !Not [!Condition IsOn]
          IsOnAndSmall: !And [!Equals [!Ref Mode, "on"], !Equals [!Ref Size, "128"]]
        Resources:
          Topic:
            Type: AWS::SNS::Topic
          OffQueue:
            Type: AWS::SQS::Queue
            Condition: IsOff
          OnQueue:
            Type: AWS::SQS::Queue
            Condition: IsOn
          SmallQueue:
            Type: AWS::SQS::Queue
            Condition: IsOnAndSmall
            Properties:
              QueueName: !GetAtt OnQueue.QueueName
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {Version: "2012-10-17"}
          Function:
            Type: AWS::Lambda::Function
            DependsOn: Topic
            Properties:
              Code: {S3Bucket: bucket, S3Key: key}
              Role: !GetAtt Role.Arn
              MemorySize: !Ref Size
              Architectures: [x86_64]
              Environment:
                Variables:
                  TOPIC: !Ref Topic
                  URL: !Sub "https://${AWS::Region}.example/${Topic.TopicName}/${!Literal}"
                  ALARMS: !If [IsOn, !Ref Topic, !Ref OffQueue]
              TracingConfig: !If [IsOn, {Mode: Active}, !Ref AWS::NoValue]
          Dashboard:
            Type: AWS::CloudWatch::Dashboard
            Properties:
              DashboardBody: !Sub '{"widgets": [{"type": "text", "properties": {"markdown": "${Topic.TopicName}"}}]}'
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Metrics:
                - Id: rate
                  Expression: SELECT AVG(Faults) FROM SCHEMA("DynamoDbManager", Operation)
                  Period: 300
                  ReturnData: true
              EvaluationPeriods: 1
              Threshold: 0.01
              ComparisonOperator: GreaterThanThreshold
              AlarmActions: [!Ref Topic]
          Api:
            Type: AWS::ApiGateway::RestApi
          Stage:
            Type: AWS::ApiGateway::Stage
            Properties:
              RestApiId: !Ref Api
              TracingEnabled: !If [IsOn, true, false]
        Outputs:
          Arn:
            Value: !GetAtt Function.Arn
        """;

    [Test]
    public void The_template_uses_only_types_properties_and_references_the_specification_allows()
    {
        var problems = TemplateSpecCheck.Problems(DeploymentFormats.Template(), ResourceSpecification.Current);

        problems.Should().BeEmpty("CloudFormation {0} would refuse these", ResourceSpecification.Current.Version);
    }

    [Test]
    public void The_check_finds_nothing_wrong_in_a_valid_template()
    {
        TemplateSpecCheck.Problems(CloudFormationTemplate.Parse(Valid), ResourceSpecification.Current).Should().BeEmpty();
    }

    [TestCase("Type: AWS::SNS::Topic", "Type: AWS::SNS::Topik", "Resources.Topic.Type: \"AWS::SNS::Topik\" is not a resource type")]
    [TestCase("MemorySize: !Ref Size", "MemorySise: !Ref Size", "Resources.Function.Properties.MemorySise: not a property of AWS::Lambda::Function")]
    [TestCase("Code: {S3Bucket: bucket, S3Key: key}", "Code: {S3Bucket: bucket, S3Kee: key}", "Properties.Code.S3Kee: not a property of AWS::Lambda::Function.Code")]
    [TestCase("Role: !GetAtt Role.Arn", "Handler: bootstrap", "required property Role of AWS::Lambda::Function is missing")]
    [TestCase("Architectures: [x86_64]", "Architectures: x86_64", "Properties.Architectures: should be a list")]
    [TestCase("{Mode: Active}", "{Mode: [Active]}", "TracingConfig.Fn::If[1].Mode: should be a String")]
    [TestCase("MemorySize: !Ref Size", "MemorySize: lots", "Properties.MemorySize: should be a Integer")]
    [TestCase("TOPIC: !Ref Topic", "TOPIC: !Ref Topics", "\"Topics\" is not a parameter, resource or pseudo parameter")]
    [TestCase("Value: !GetAtt Function.Arn", "Value: !GetAtt Function.Name", "AWS::Lambda::Function has no attribute Name")]
    [TestCase("${Topic.TopicName}", "${Topic.Name}", "AWS::SNS::Topic has no attribute Name")]
    [TestCase("${AWS::Region}", "${AWS::Regio}", "\"AWS::Regio\" is not a parameter, resource or pseudo parameter")]
    [TestCase("DependsOn: Topic", "DependsOn: Topics", "Resources.Function.DependsOn: \"Topics\" is not a resource")]
    [TestCase("Type: AWS::SNS::Topic", "Type: AWS::SNS::Topic\n    Condition: IsOn", "Topic exists only when IsOn, which does not hold here")]
    [TestCase("[IsOn, {Mode: Active}", "[IsOnn, {Mode: Active}", "IsOnn is not a condition")]
    [TestCase("IsOff: !Not [!Condition IsOn]", "IsOff: !Equals [!Ref Mode, \"off\"]", "OffQueue exists only when IsOff, which does not hold here")]
    [TestCase("!If [IsOn,", "!Iff [IsOn,", "Fn::Iff is not an intrinsic function")]
    [TestCase("!And [!Equals [!Ref Mode, \"on\"]", "!And [!Equals [!Ref Mode, \"off\"]", "OnQueue exists only when IsOn")]
    [TestCase("Default: \"on\"", "Default: \"maybe\"", "Parameters.Mode: Default maybe is not one of its AllowedValues")]
    [TestCase("Default: 128", "Default: 64", "Parameters.Size: Default 64 is outside its MinValue/MaxValue")]
    [TestCase("Outputs:", "Output:", "Output: not a template section")]
    [TestCase("DashboardBody: !Sub", "DashboardBodi: !Sub", "Dashboard.Properties.DashboardBodi: not a property of AWS::CloudWatch::Dashboard")]
    [TestCase("DashboardBody: !Sub", "DashboardName: !Sub", "required property DashboardBody of AWS::CloudWatch::Dashboard is missing")]
    [TestCase("- Id: rate", "- Ids: rate", "required property Id of AWS::CloudWatch::Alarm.MetricDataQuery is missing")]
    [TestCase("Period: 300", "Period: often", "Alarm.Properties.Metrics[0].Period: should be a Integer")]
    [TestCase("ReturnData: true", "ReturnData: [true]", "Alarm.Properties.Metrics[0].ReturnData: should be a Boolean")]
    [TestCase("Threshold: 0.01", "Threshold: one percent", "Alarm.Properties.Threshold: should be a Double")]
    [TestCase("TracingEnabled: !If [IsOn, true, false]", "TracingEnabled: !If [IsOn, yes, false]", "Stage.Properties.TracingEnabled.Fn::If[1]: should be a Boolean")]
    [TestCase("TracingEnabled: !If [IsOn, true, false]", "TracingEnable: true", "Stage.Properties.TracingEnable: not a property of AWS::ApiGateway::Stage")]
    public void The_check_reports_what_CloudFormation_would_refuse(string valid, string broken, string problem)
    {
        Valid.Should().Contain(valid, "each case changes the valid template");

        var problems = TemplateSpecCheck.Problems(CloudFormationTemplate.Parse(Valid.Replace(valid, broken, StringComparison.Ordinal)), ResourceSpecification.Current);

        problems.Should().Contain(found => found.Contains(problem, StringComparison.Ordinal), "found: {0}", string.Join("; ", problems));
    }

    [Test]
    public void Short_form_tags_load_as_the_long_form_intrinsics_CloudFormation_reads()
    {
        var shortForm = CloudFormationTemplate.Parse("""
            A: !Ref X
            B: !GetAtt R.Arn
            C: !Sub "${R.Arn}"
            D: !If [Cond, !Join ["", [a, !Ref X]], !Ref AWS::NoValue]
            E: !Condition Cond
            """);
        var longForm = CloudFormationTemplate.Parse("""
            A: {Ref: X}
            B: {Fn::GetAtt: [R, Arn]}
            C: {Fn::Sub: "${R.Arn}"}
            D: {Fn::If: [Cond, {Fn::Join: ["", [a, {Ref: X}]]}, {Ref: AWS::NoValue}]}
            E: {Condition: Cond}
            """);

        shortForm.Should().BeEquivalentTo(longForm);
    }
}
