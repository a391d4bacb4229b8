using FluentAssertions;
using LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.Model;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Deploy.CloudFormation;

/// <summary>The offline expansion of <c>Fn::ForEach</c>, which the spec check and the facts read the template through.</summary>
[Category("Deploy")]
public class LanguageExtensionsTests
{
    private const string Looped = """
        Transform: AWS::LanguageExtensions
        Parameters:
          Names:
            Type: String
        Conditions:
          Fn::ForEach::Slots:
            - Slot
            - ["0", "1"]
            - Has${Slot}: !Not [!Equals [!Select [!Ref Slot, !Split [",", !Ref Names]], ""]]
        Resources:
          Fn::ForEach::Topics:
            - Slot
            - ["0", "1"]
            - Topic${Slot}:
                Type: AWS::SNS::Topic
                Condition: !Sub Has${Slot}
                Properties:
                  DisplayName: !Sub "topic ${Slot} of ${AWS::StackName}"
              Queue${Slot}:
                Type: AWS::SQS::Queue
                Condition: !Sub Has${Slot}
                Properties:
                  Tags:
                    - Key: topic
                      Value: {Ref: !Sub "Topic${Slot}"}
                    - Key: arn
                      Value: !GetAtt [!Sub "Topic${Slot}", TopicName]
          Fn::ForEach::Methods:
            - Method
            - [GET, x-y]
            - Method&{Method}:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Method
        """;

    [Test]
    public void A_loop_over_a_literal_list_declares_its_fragment_once_per_item_with_the_item_in_place_of_the_identifier()
    {
        var template = CloudFormationTemplate.Parse(Looped);
        var resources = template["Resources"].Entries();

        resources.Keys.Should().BeEquivalentTo("Topic0", "Topic1", "Queue0", "Queue1", "MethodGET", "Methodxy");
        template["Conditions"].Entries().Keys.Should().BeEquivalentTo("Has0", "Has1");
        template["Conditions"].At("Has1", "Fn::Not").Items()[0].At("Fn::Equals").Items()[0].At("Fn::Select").Items()[0].Should().Be("1",
            "Ref to the identifier is the item");
        resources["Topic1"].At("Properties", "DisplayName", "Fn::Sub").Should().Be("topic 1 of ${AWS::StackName}",
            "only the identifier is replaced; Fn::Sub's own variables stay");
        resources["Methodxy"].At("Properties", "DisplayName").Should().Be("x-y");
    }

    [Test]
    public void The_intrinsics_the_transform_allows_in_Ref_GetAtt_and_Condition_are_resolved_to_the_names_they_give()
    {
        var queue = CloudFormationTemplate.Parse(Looped)["Resources"].At("Queue1");

        queue.At("Condition").Should().Be("Has1");
        queue.At("Properties", "Tags").Items()[0].At("Value").Should().BeEquivalentTo(new Dictionary<string, object?> { ["Ref"] = "Topic1" });
        queue.At("Properties", "Tags").Items()[1].At("Value").Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["Fn::GetAtt"] = new List<object?> { "Topic1", "TopicName" },
        });
    }

    [Test]
    public void The_expanded_loop_passes_the_spec_check()
    {
        TemplateSpecCheck.Problems(CloudFormationTemplate.Parse(Looped), ResourceSpecification.Current).Should().BeEmpty();
    }

    [TestCase("Transform: AWS::LanguageExtensions\n", "", "needs Transform: AWS::LanguageExtensions")]
    [TestCase("    - [GET, x-y]", "    - !Ref Names", "expands only a literal list of strings")]
    [TestCase("Method&{Method}:", "Method:", "does not use ${Method} or &{Method}")]
    [TestCase("    - [GET, x-y]\n    - Method&{Method}:", "    - [\"0\", x-y]\n    - Topic&{Method}:", "Resources.Topic0 is declared twice")]
    public void A_loop_the_transform_would_refuse_or_that_cannot_be_expanded_offline_is_reported(string valid, string broken, string problem)
    {
        Looped.Should().Contain(valid, "each case changes the valid template");

        var parse = () => CloudFormationTemplate.Parse(Looped.Replace(valid, broken, StringComparison.Ordinal));

        parse.Should().Throw<InvalidDataException>().Which.Message.Should().Contain(problem);
    }

    [Test]
    public void A_template_without_loops_is_read_as_written()
    {
        var plain = CloudFormationTemplate.Parse("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Condition: !Sub Has\n");

        plain["Resources"].At("Topic", "Condition").Should().BeEquivalentTo(new Dictionary<string, object?> { ["Fn::Sub"] = "Has" },
            "without the transform, an Fn::Sub is not resolved where CloudFormation wants a name");
    }
}
