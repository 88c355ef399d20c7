using LearningBot.Privacy;

namespace LearningBot.Tests.Privacy;

public sealed class PersonalDataScrubberTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Theory]
    [InlineData("Patient 943 476 5919 needs a moving and handling refresher", "Patient [NHS number removed] needs a moving and handling refresher")]
    [InlineData("NHS no 943-476-5919.", "NHS no [NHS number removed].")]
    [InlineData("ref 9434765919", "ref [NHS number removed]")]
    [InlineData("NHS 943 - 476 - 5919 today", "NHS [NHS number removed] today")]
    [InlineData("NHS 943.476.5919 today", "NHS [NHS number removed] today")]
    [InlineData("NHS 943\u00a0476\u00a05919 today", "NHS [NHS number removed] today")]
    [InlineData("NHS 943\u200b476\u200b5919 today", "NHS [NHS number removed] today")]
    [InlineData("NHS \uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19 today", "NHS [NHS number removed] today")]
    [InlineData("NHS 94 3476 5919 today", "NHS [NHS number removed] today")]
    public void Removes_nhs_numbers_in_any_grouping_and_spacing(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.NhsNumber], result.Removed);
    }

    [Theory]
    [InlineData("CHI 0101451234 for bed 3", "CHI [CHI number removed] for bed 3")]
    [InlineData("CHI no. 2503 47 1234", "CHI no. [CHI number removed]")]
    public void Removes_chi_numbers_after_their_cue(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.ChiNumber], result.Removed);
    }

    [Theory]
    [InlineData("Call me on 07700 900123 please", "Call me on [phone number removed] please")]
    [InlineData("ring +44 7700 900123", "ring [phone number removed]")]
    [InlineData("the ward is on 0121 496 0000.", "the ward is on [phone number removed].")]
    [InlineData("020 7946 0958", "[phone number removed]")]
    [InlineData("ring the ward on (0161) 496 0000 now", "ring the ward on [phone number removed] now")]
    [InlineData("daughter on (01632) 960 000, thanks", "daughter on [phone number removed], thanks")]
    [InlineData("+44 (0)20 7946 0958 is the family", "[phone number removed] is the family")]
    [InlineData("she gave 0044 7700 900123 as the contact", "she gave [phone number removed] as the contact")]
    [InlineData("tel: 0113.496.0000", "tel: [phone number removed]")]
    [InlineData("mob 07700  900  123 tonight", "mob [phone number removed] tonight")]
    [InlineData("tel:+441134960000", "tel:[phone number removed]")]
    [InlineData("07700 900 124 / 01632 960 123", "[phone number removed] / [phone number removed]")]
    public void Removes_uk_phone_numbers_in_every_usual_form(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.PhoneNumber], result.Removed);
    }

    [Theory]
    [InlineData("email jo.bloggs@example.nhs.uk today", "email [email address removed] today")]
    [InlineData("her daughter is sarah.jones at example dot co dot uk", "her daughter is [email address removed]")]
    [InlineData("contact pat.smith[at]example[dot]org now", "contact [email address removed] now")]
    [InlineData("mark (at) example (dot) com sent it", "[email address removed] sent it")]
    public void Removes_email_addresses_also_written_out(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.EmailAddress], result.Removed);
    }

    [Theory]
    [InlineData("she lives at 12 Acacia Avenue, M13 9PL", "she lives at [address removed], [postcode removed]", new[] { PersonalDataScrubber.Address, PersonalDataScrubber.Postcode })]
    [InlineData("Flat 4, 27 Oak Road", "[address removed]", new[] { PersonalDataScrubber.Address })]
    [InlineData("postcode ls6 2ab", "postcode [postcode removed]", new[] { PersonalDataScrubber.Postcode })]
    public void Removes_postcodes_and_street_addresses(string text, string expected, string[] kinds)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal(kinds, result.Removed);
    }

    [Theory]
    [InlineData("Mrs B, DOB 12/03/1948, keeps falling", "Mrs [name removed], DOB [date of birth removed], keeps falling")]
    [InlineData("date of birth: 3 March 2019", "date of birth: [date of birth removed]")]
    [InlineData("born on 01.02.85 and", "born on [date of birth removed] and")]
    [InlineData("DOB '38, lives alone", "DOB [date of birth removed], lives alone")]
    [InlineData("born March 12, 1938 in Jamaica", "born [date of birth removed] in Jamaica")]
    [InlineData("d.o.b 1948-03-12 on the sticker", "d.o.b [date of birth removed] on the sticker")]
    [InlineData("DOB: 12 Mar 38, lives alone", "DOB: [date of birth removed], lives alone")]
    public void Removes_dates_of_birth(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Contains(PersonalDataScrubber.DateOfBirth, result.Removed);
    }

    [Theory]
    [InlineData("a resident (14/07/1939) asked", "a resident ([date removed]) asked")]
    [InlineData("seen in March 2024 by the falls team", "seen in [date removed] by the falls team")]
    [InlineData("admitted 12 / 03 / 2024 with a sore", "admitted [date removed] with a sore")]
    [InlineData("the event on 10/28/2025 was late", "the event on [date removed] was late")]
    [InlineData("aged 86 ('38) and", "aged 86 ([date removed]) and")]
    [InlineData("seen 12th Feb by the OT", "seen [date removed] by the OT")]
    public void Removes_dates_of_care_in_any_order(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.Date], result.Removed);
    }

    [Theory]
    [InlineData("Is the Level 3 diploma course on 12/01/2027 still running?")]
    [InlineData("Can bank staff on 30 hours a week do the Care Certificate by 1 March 2027?")]
    [InlineData("We have 120 volunteers and 2 managers")]
    [InlineData("You said 2 working days, it has been 3 working days")]
    [InlineData("What is the deadline for the April 2027 intake?")]
    [InlineData("Shifts run 0800-2000 and the sessions are 09.30 - 16.30")]
    [InlineData("What is the training budget for 2024/25, and is it 24/7 cover?")]
    [InlineData("the score went from 12 34 56 a week ago to 78 now")]
    public void Keeps_ordinary_learning_questions_as_they_are(string text)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(text, result.Text);
        Assert.False(result.WasScrubbed);
    }

    [Theory]
    [InlineData("the baby's date was 02/05/2026, any infant feeding training?", true)]
    [InlineData("she was seen 19 November 2026", true)]
    [InlineData("induction on 21/11/2026", false)]
    public void Removes_any_full_date_that_is_not_in_the_future(string text, bool removed)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(removed, result.Removed.Contains(PersonalDataScrubber.Date));
        Assert.Equal(removed, result.Text.Contains("[date removed]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MRN 123456 on the slide", "MRN [hospital number removed] on the slide", PersonalDataScrubber.HospitalNumber)]
    [InlineData("hospital number RXH1234567 here", "hospital number [hospital number removed] here", PersonalDataScrubber.HospitalNumber)]
    [InlineData("unit no. 654321 on the chart", "unit no. [hospital number removed] on the chart", PersonalDataScrubber.HospitalNumber)]
    [InlineData("client ref CR-204518 on the plan", "client ref [client reference removed] on the plan", PersonalDataScrubber.ClientReference)]
    [InlineData("Mosaic ID 1234567 here", "Mosaic ID [client reference removed] here", PersonalDataScrubber.ClientReference)]
    [InlineData("AB 12 34 56 C on the payslip", "[National Insurance number removed] on the payslip", PersonalDataScrubber.NationalInsuranceNumber)]
    [InlineData("NI number ab-12-34-56-c", "NI number [National Insurance number removed]", PersonalDataScrubber.NationalInsuranceNumber)]
    public void Removes_hospital_numbers_client_references_and_national_insurance_numbers(string text, string expected, string kind)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([kind], result.Removed);
    }

    [Theory]
    [InlineData("Mrs Smith keeps refusing her meds", "Mrs [name removed] keeps refusing her meds")]
    [InlineData("Mrs J. Smith-Jones needs a hoist", "Mrs [name removed] needs a hoist")]
    [InlineData("mr jones has dementia", "mr [name removed] has dementia")]
    [InlineData("the family of mr david thompson want a meeting", "the family of mr [name removed] want a meeting")]
    [InlineData("mrs ann o'neill's son rang", "mrs [name removed]'s son rang")]
    [InlineData("mr david lives alone", "mr [name removed] lives alone")]
    [InlineData("dr patel explained it", "dr [name removed] explained it")]
    [InlineData("Sister Mary told me", "Sister [name removed] told me")]
    [InlineData("Mary in bed 4 keeps pulling her cannula out", "[name removed] in bed 4 keeps pulling her cannula out")]
    [InlineData("the lady in room 12, Joan Smith, has a sore", "the lady in room 12, [name removed], has a sore")]
    [InlineData("Mrs B's daughter phoned", "Mrs [name removed]'s daughter phoned")]
    public void Removes_names_after_a_title_or_beside_a_bed_or_room(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.Name], result.Removed);
    }

    [Theory]
    [InlineData("How do I use MS Teams for the virtual classroom?")]
    [InlineData("I miss the old system")]
    [InlineData("Is the Nurse Associate apprenticeship open?")]
    [InlineData("The lady in bed 4 needs a hoist")]
    [InlineData("Is the ward sister on Ward 7 the person to ask?")]
    [InlineData("Is there a Sr Practitioner role on band 6?")]
    [InlineData("Don't Miss Out on the dementia training!")]
    [InlineData("Where is Training Room 2 in the Education Centre?")]
    public void Leaves_titles_and_beds_without_a_name_alone(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("our client Mary Jones needs the falls course", "our client [name removed] needs the falls course")]
    [InlineData("my client Daniel Okoro from Acme Ltd wants a refresher", "my client [name removed] from Acme Ltd wants a refresher")]
    [InlineData("client Mary Jones NHS no 943 476 5919", "client [name removed] NHS no [NHS number removed]")]
    [InlineData("patient Mary Jones NHS 943 476 5919", "patient [name removed] NHS [NHS number removed]")]
    [InlineData("patient Mary Jones NHS: 9434765919", "patient [name removed] NHS: [NHS number removed]")]
    [InlineData("our client Mary Jones NHS # 943 476 5919 needs the form", "our client [name removed] NHS # [NHS number removed] needs the form")]
    public void Removes_a_person_after_client_but_not_an_organisation(string text, string expected) =>
        Assert.Equal(expected, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("Resident Albert refused his lunch", "Resident [name removed] refused his lunch")]
    [InlineData("The ward was busy. Patient Harold (Ward 9) had no drink", "The ward was busy. Patient [name removed] (Ward 9) had no drink")]
    [InlineData("Client John said he was waiting", "Client [name removed] said he was waiting")]
    [InlineData("Son, Daniel, says the glasses were lost", "Son, [name removed], says the glasses were lost")]
    [InlineData("Service user Kelly said the carers are late", "Service user [name removed] said the carers are late")]
    [InlineData("My colleague Priya noticed the sore", "My colleague [name removed] noticed the sore")]
    [InlineData("My colleague, Ruth Kowalski, saw it first", "My colleague, [name removed], saw it first")]
    [InlineData("Carer Stacey-Leigh Jackson didn't turn up", "Carer [name removed] didn't turn up")]
    [InlineData("Healthcare assistant Jo-Ann Price raised it", "Healthcare assistant [name removed] raised it")]
    [InlineData("Contact: Lucy Green, about the visit", "Contact: [name removed], about the visit")]
    public void Removes_a_name_after_a_relation_that_starts_a_sentence_or_a_colleagues_role(string text, string expected) =>
        Assert.Equal(expected, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("Patient Leaders Programme starts in May")]
    [InlineData("Patient Safety Incident Response Framework training starts soon")]
    [InlineData("Resident Doctors are on strike")]
    [InlineData("Client Services will call back")]
    [InlineData("The Patient Advice and Liaison Service leaflets are in reception")]
    [InlineData("our carer Passport Scheme is open to families")]
    [InlineData("Please contact Age UK for befriending")]
    public void Keeps_headings_that_start_with_a_relation_or_role(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("Mrs Evans, 87, fell in the bathroom", "Mrs [name removed], [age removed], fell in the bathroom")]
    [InlineData("mum (Eileen Baxter, 79) was discharged", "mum ([name removed], [age removed]) was discharged")]
    [InlineData("Miss Harper, aged 19, was on an adult ward", "Miss [name removed], aged [age removed], was on an adult ward")]
    [InlineData("Mr Hassan Ali 76 years old was sent home", "Mr [name removed] [age removed] years old was sent home")]
    [InlineData("Frank Doyle aged 84 waited on a trolley", "[name removed] aged [age removed] waited on a trolley")]
    [InlineData("Frank West, aged 84, waited", "[name removed], aged [age removed], waited")]
    [InlineData("Ninety-year-old Doris Walker waited six hours", "Ninety-year-old [name removed] waited six hours")]
    [InlineData("a 90 year old Doris Walker waited", "a 90 year old [name removed] waited")]
    public void Removes_an_age_beside_a_name_and_the_name_an_age_points_to(string text, string expected) =>
        Assert.Equal(expected, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("Women aged 50 to 70 are invited for screening")]
    [InlineData("Patients aged 65 and over need a falls check")]
    [InlineData("Mrs Khan's ward, 3 days ago, had two falls")]
    [InlineData("Our 16-year-old apprentices start in September")]
    [InlineData("Sessions in Bolton (12) and Bury (8) are full")]
    [InlineData("Mrs Khan, 2 weeks ago, said it was fine")]
    [InlineData("The 100-year-old Royal Infirmary building is closing")]
    public void Keeps_ages_and_counts_that_belong_to_no_name(string text) =>
        Assert.Equal(text.Replace("Khan", "[name removed]", StringComparison.Ordinal), PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("the man in bed 4 on Ward 7 was not fed", "the man in bed [bed number removed] on Ward 7 was not fed")]
    [InlineData("Bed 6, Ward 10, had a fall", "Bed [bed number removed], Ward 10, had a fall")]
    [InlineData("seen on ward 9, bed 3 at noon", "seen on ward 9, bed [bed number removed] at noon")]
    [InlineData("Bay 3 bed 2 was not repositioned", "Bay 3 bed [bed number removed] was not repositioned")]
    [InlineData("the patient in side room 2 on Ash Ward was isolated", "the patient in side room [bed number removed] on Ash Ward was isolated")]
    public void Removes_a_bed_number_beside_its_ward_or_bay(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.BedNumber], result.Removed);
    }

    [Theory]
    [InlineData("The lady in bed 4 needs a hoist")]
    [InlineData("Ward 7 is piloting a new falls bundle")]
    [InlineData("Our ward has 28 beds and 4 bays")]
    [InlineData("Room 4 in the Learning Hub is booked, can we use room 5?")]
    [InlineData("Ward 12 has 20 beds in 4 bays")]
    [InlineData("Bed 4 has a broken hoist; Ward 7 is waiting for estates")]
    [InlineData("Room 2 and Ward 7 training rooms are booked")]
    public void Keeps_a_bed_ward_or_room_that_points_to_no_one(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("Family car AB12 CDE was blocking the bay", "Family car [vehicle registration removed] was blocking the bay")]
    [InlineData("KX68ZTU parked in the staff car park", "[vehicle registration removed] parked in the staff car park")]
    [InlineData("Reg number ma19 xyz seen at the scene", "Reg number [vehicle registration removed] seen at the scene")]
    [InlineData("his car, reg A123 BCD, was towed", "his car, reg [vehicle registration removed], was towed")]
    [InlineData("the van ABC 123D blocked the entrance", "the van [vehicle registration removed] blocked the entrance")]
    public void Removes_vehicle_registrations(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.VehicleRegistration], result.Removed);
    }

    [Theory]
    [InlineData("Is the M62 closed? I'm driving to the course")]
    [InlineData("Does the poster come in A3 or A4 size?")]
    [InlineData("The car park has 120 spaces and 12 EV chargers")]
    [InlineData("Band 5 and band 6 staff use the A3 SBAR sheet")]
    [InlineData("the car on the m62 was stuck, so I was late")]
    [InlineData("the taxi on the A580 was late")]
    public void Keeps_roads_paper_sizes_and_counts_that_look_like_plates(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("The training on 3 November 2026 was full")]
    [InlineData("Slides from the session on 12/10/2026 are on the hub")]
    [InlineData("the meeting on 2 October 2026 agreed the falls bundle")]
    [InlineData("We held the fire drill on 5 Nov 2026.")]
    public void Keeps_the_date_of_a_past_training_session_or_meeting(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("she was admitted on 3 November 2026 after the training", "she was admitted on [date removed] after the training")]
    [InlineData("inspectors visited on 10 November.", "inspectors visited on [date removed].")]
    [InlineData("seen 4 Nov. by the GP", "seen [date removed]. by the GP")]
    public void Removes_a_date_of_care_but_leaves_the_full_stop_after_it(string text, string expected) =>
        Assert.Equal(expected, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("I spoke to Tom Hargreaves, the patient's nephew, about it", "I spoke to [name removed], the patient's nephew, about it")]
    [InlineData("Mary Brown, her daughter, rang PALS", "[name removed], her daughter, rang PALS")]
    public void Removes_a_name_followed_by_who_the_person_is(string text, string expected) =>
        Assert.Equal(expected, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("Later, her son rang the ward")]
    [InlineData("After the Safeguarding Adults Board, her daughter asked for a meeting")]
    [InlineData("In Greater Manchester, the patient's son can use the carers hub")]
    [InlineData("Salford Royal, the patient's son said, was quick")]
    public void Keeps_a_place_or_heading_before_who_the_person_is(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData("Our client Acme Ltd wants a first aid course.")]
    [InlineData("our client Acme Ltd. has twelve staff")]
    [InlineData("our client Green Valley Housing Trust books it every year")]
    [InlineData("client Riverside NHS Foundation Trust asked for the slides")]
    [InlineData("our client Smith & Jones LLP is covered")]
    [InlineData("our client City of Peterborough Council")]
    [InlineData("client Bright Futures CIC runs the befriending scheme")]
    [InlineData("our client Acme Group's staff need fire safety")]
    [InlineData("client Riverside NHS: 12 staff need the refresher")]
    public void Keeps_an_organisation_named_after_client(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text, Today).Text);

    [Theory]
    [InlineData(PersonalDataScrubber.NhsNumber, "an NHS number")]
    [InlineData(PersonalDataScrubber.EmailAddress, "an email address")]
    [InlineData(PersonalDataScrubber.Age, "an age")]
    [InlineData(PersonalDataScrubber.Address, "an address")]
    [InlineData(PersonalDataScrubber.PhoneNumber, "a phone number")]
    [InlineData(PersonalDataScrubber.DateOfBirth, "a date of birth")]
    [InlineData(PersonalDataScrubber.NationalInsuranceNumber, "a National Insurance number")]
    public void Describes_each_kind_for_a_sentence(string kind, string described) =>
        Assert.Equal(described, PersonalDataScrubber.Describe(kind));

    [Fact]
    public void Describes_several_kinds_as_a_list()
    {
        Assert.Equal(string.Empty, PersonalDataScrubber.DescribeAll([]));
        Assert.Equal("an NHS number and a phone number", PersonalDataScrubber.DescribeAll([PersonalDataScrubber.NhsNumber, PersonalDataScrubber.PhoneNumber]));
        Assert.Equal("a name, a postcode and a date", PersonalDataScrubber.DescribeAll(
            [PersonalDataScrubber.Name, PersonalDataScrubber.Postcode, PersonalDataScrubber.Name, PersonalDataScrubber.Date]));
    }

    [Fact]
    public void Reports_each_kind_removed_once_in_order_of_appearance()
    {
        var result = PersonalDataScrubber.Scrub("943 476 5919 and 943 476 5920, call 07700 900123, DOB 1/1/1950", Today);

        Assert.Equal([PersonalDataScrubber.NhsNumber, PersonalDataScrubber.PhoneNumber, PersonalDataScrubber.DateOfBirth], result.Removed);
        Assert.DoesNotContain("943", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("patient 943 476 5919 missed her meds, what training covers this", "patient [removed] missed her meds, what training covers this", "NHS number")]
    [InlineData("nhs no 9434765919 - who do I tell", "nhs no [removed] - who do I tell", "NHS number")]
    [InlineData("Mr X dob 03/04/1948 fell twice, falls training?", "Mr [removed] dob [removed] fell twice, falls training?", "date of birth")]
    [InlineData("resident born 12th March 1939 keeps refusing care", "resident born [removed] keeps refusing care", "date of birth")]
    [InlineData("service user (14 Feb 1962) needs a hoist, who trains on that", "service user ([removed]) needs a hoist, who trains on that", "date")]
    [InlineData("call her daughter on 07700 900123 about the course", "call her daughter on [removed] about the course", "phone number")]
    [InlineData("ring +44 7700 900123", "ring [removed]", "phone number")]
    [InlineData("email jo.bloggs@example.nhs.uk for the slides", "email [removed] for the slides", "email address")]
    [InlineData("hospital number 12345678 needs a review", "hospital number [removed] needs a review", "hospital number")]
    [InlineData("ref 123456789 needs a review", "ref [removed] needs a review", "long number")]
    public void Replaces_identifiers_with_a_marker(string question, string expected, string kind)
    {
        var scrubbed = PersonalDataScrubber.Scrub(question, Today, ScrubMarking.Plain);

        Assert.Equal(expected, scrubbed.Text);
        Assert.Contains(kind, scrubbed.Removed);
        Assert.True(scrubbed.WasScrubbed);
    }

    [Theory]
    [InlineData("how do I get a mentor")]
    [InlineData("can I claim mileage for a course in Leeds next month")]
    [InlineData("has my place on first aid on the 14th been confirmed")]
    [InlineData("how much does a band 5 nurse get paid")]
    [InlineData("what needs to go in an LNA? our board wants one before we buy a £15k programme")]
    [InlineData("is there a course on 3 March 2027 for 20 people")]
    [InlineData("Kirkpatrick level 4 for a 2 year programme")]
    public void Leaves_ordinary_questions_alone(string question)
    {
        var scrubbed = PersonalDataScrubber.Scrub(question, Today, ScrubMarking.Plain);

        Assert.Equal(question, scrubbed.Text);
        Assert.Empty(scrubbed.Removed);
    }

    [Fact]
    public void Removes_every_identifier_in_one_question()
    {
        var scrubbed = PersonalDataScrubber.Scrub("Pt 943-476-5919, DOB 1/2/45, tel 0113 496 0000", Today, ScrubMarking.Plain);

        Assert.DoesNotContain(scrubbed.Text, char.IsDigit);
        Assert.Equal(3, scrubbed.Text.Split(PersonalDataScrubber.Marker).Length - 1);
    }

    [Theory]
    [InlineData("Mrs [name removed] in bed 4, NHS [NHS number removed], DOB [date of birth removed]")]
    [InlineData("[name removed] in room 12 rang from [phone number removed] about [email address removed]")]
    public void Scrubbed_text_scrubs_to_itself_and_its_markers_say_what_was_removed(string scrubbed)
    {
        var again = PersonalDataScrubber.Scrub(scrubbed, Today);

        Assert.Equal(scrubbed, again.Text);
        Assert.False(again.WasScrubbed);
        Assert.NotEmpty(PersonalDataScrubber.KindsMarkedIn(scrubbed));
    }

    [Fact]
    public void Reads_the_kinds_back_from_labelled_markers_in_order()
    {
        var text = PersonalDataScrubber.Scrub("Mrs Smith, NHS 943 476 5919, call 07700 900123", Today).Text;

        Assert.Equal([PersonalDataScrubber.Name, PersonalDataScrubber.NhsNumber, PersonalDataScrubber.PhoneNumber], PersonalDataScrubber.KindsMarkedIn(text));
        Assert.Empty(PersonalDataScrubber.KindsMarkedIn("nothing removed here"));
    }

    [Fact]
    public void Empty_and_blank_text_scrub_to_empty()
    {
        Assert.Same(ScrubbedText.Empty, PersonalDataScrubber.Scrub(null, Today));
        Assert.Equal(string.Empty, PersonalDataScrubber.Scrub("   \n ", Today).Text);
    }
}
