package io.owm.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InletCostsTests {

    @Test
    void aNumberHoldsThatMuchForEveryModel() {
        assertThat(new InletCosts("0.1").holdFor("gpt-4o")).isEqualByComparingTo("0.1");
        assertThat(new InletCosts("").holdFor("gpt-4o")).isZero();
    }

    @Test
    void aListHoldsPerModelAndItsDefaultEntryForEveryOtherModel() {
        InletCosts costs = new InletCosts("default:0.05, gpt-4:0.3, llama3:8b:0.01");
        assertThat(costs.holdFor("gpt-4")).isEqualByComparingTo("0.3");
        assertThat(costs.holdFor("llama3:8b")).isEqualByComparingTo("0.01");
        assertThat(costs.holdFor("mistral")).isEqualByComparingTo("0.05");
        assertThat(new InletCosts("gpt-4:0.3").holdFor("mistral")).isZero();
    }

    @Test
    void entriesThatCannotBeReadAreLeftOutAndTheRestApplies() {
        // The original app warned and went on; an installation moved here must start with the same setting.
        InletCosts costs = new InletCosts("gpt-4:0.3,broken,mistral:cheap,llama3:-1,default:0.02");
        assertThat(costs.holdFor("gpt-4")).isEqualByComparingTo("0.3");
        assertThat(costs.holdFor("mistral")).isEqualByComparingTo("0.02");
        assertThat(costs.holdFor("llama3")).isEqualByComparingTo("0.02");
        assertThat(new InletCosts("cheap").holdFor("gpt-4")).isZero();
    }
}
