namespace PatentNav.Market.Grains.Alliances;

/// <summary>
/// What an alliance must be (§11), pure. A charter has every clause (400 <c>required</c> naming <c>charter.{clause}</c>;
/// a name of at most 200 characters, a clause of at most 4 000: <c>too_long</c>). At least two distinct founding members
/// (400 <c>too_few_members</c> on <c>members</c>, <c>duplicate_member</c> on <c>members[i].partyId</c>). A member joins on a
/// day not in the future (400 <c>date_in_future</c>) and, joining again, after its last period ended (409
/// <c>already_member</c> while it is one); it leaves on a day from its joining to today, and not if fewer than two members
/// would remain (409 <c>too_few_members</c>: an alliance of one is dissolved, not left).
/// </summary>
public static class AllianceRules
{
    public const int MaxName = 200, MaxClause = 4000, MaxMembers = 500;

    public static AllianceCharter Charter(AllianceCharter charter)
    {
        var clauses = new (string Field, string? Text, int Max)[]
        {
            ("name", charter.Name, MaxName), ("purpose", charter.Purpose, MaxClause), ("industryScope", charter.IndustryScope, MaxClause),
            ("rightsAndDuties", charter.RightsAndDuties, MaxClause), ("governance", charter.Governance, MaxClause), ("funding", charter.Funding, MaxClause),
            ("amendment", charter.Amendment, MaxClause), ("dissolution", charter.Dissolution, MaxClause),
        };
        foreach (var (field, text, max) in clauses)
        {
            if (string.IsNullOrWhiteSpace(text)) throw DomainException.Invalid("required", $"charter.{field}", "Every clause of the charter is required (§11).");
            if (text.Trim().Length > max) throw DomainException.Invalid("too_long", $"charter.{field}", $"At most {max} characters.");
        }
        return charter with
        {
            Name = charter.Name.Trim(), Purpose = charter.Purpose.Trim(), IndustryScope = charter.IndustryScope.Trim(), RightsAndDuties = charter.RightsAndDuties.Trim(),
            Governance = charter.Governance.Trim(), Funding = charter.Funding.Trim(), Amendment = charter.Amendment.Trim(), Dissolution = charter.Dissolution.Trim(),
        };
    }

    /// <summary>The founding members as periods starting on their joining day (default today).</summary>
    public static List<AllianceMember> Founders(IReadOnlyList<NewAllianceMember> members, DateOnly today)
    {
        if (members.Count > MaxMembers) throw DomainException.Invalid("too_long", "members", $"At most {MaxMembers} members.");
        var founders = new List<AllianceMember>();
        for (var i = 0; i < members.Count; i++)
        {
            if (founders.Any(f => f.PartyId == members[i].PartyId))
                throw DomainException.Invalid("duplicate_member", $"members[{i}].partyId", $"Party {members[i].PartyId} is named twice.");
            founders.Add(new AllianceMember(members[i].PartyId, JoinDay(members[i].JoinedOn, today, $"members[{i}].joinedOn"), null));
        }
        if (founders.Count < 2) throw DomainException.Invalid("too_few_members", "members", "An alliance has at least two members (§11).");
        return founders;
    }

    /// <summary>The parties that are members on <paramref name="day"/>, in joining order.</summary>
    public static IReadOnlyList<string> MembersOn(IEnumerable<AllianceMember> members, DateOnly day) =>
        [.. members.Where(m => m.JoinedOn <= day && (m.LeftOn is null || m.LeftOn > day)).Select(m => m.PartyId).Distinct()];

    /// <summary>A new period for <paramref name="partyId"/>, or null when it joined already on that day (a retry).</summary>
    public static AllianceMember? Join(IReadOnlyList<AllianceMember> members, string partyId, DateOnly? joinedOn, DateOnly today)
    {
        var day = JoinDay(joinedOn, today, "joinedOn");
        var periods = members.Where(m => m.PartyId == partyId).ToList();
        if (periods.LastOrDefault() is { LeftOn: null } current)
            return current.JoinedOn == day ? null
                : throw DomainException.Conflict("already_member", $"Party {partyId} is a member since {current.JoinedOn:yyyy-MM-dd}.", "partyId");
        if (periods.LastOrDefault() is { LeftOn: { } left } && day < left)
            throw DomainException.Unprocessable("joined_before_leaving", $"Party {partyId} left on {left:yyyy-MM-dd}; it can join again from that day.", "joinedOn");
        return new AllianceMember(partyId, day, null);
    }

    /// <summary>The member's current period ended on <paramref name="leftOn"/> (default today); null when it left already on that day.</summary>
    public static (int Index, AllianceMember Ended)? Leave(IReadOnlyList<AllianceMember> members, string partyId, DateOnly? leftOn, DateOnly today)
    {
        var day = leftOn ?? today;
        if (day > today) throw DomainException.Invalid("date_in_future", "leftOn", $"{day:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        var index = members.Select((m, i) => (m, i)).LastOrDefault(x => x.m.PartyId == partyId).i;
        if (!members.Any(m => m.PartyId == partyId))
            throw DomainException.NotFound("member_not_found", $"Party {partyId} is not a member of this alliance.", "partyId");
        var period = members[index];
        if (period.LeftOn is { } left)
            return left == day ? null : throw DomainException.NotFound("member_not_found", $"Party {partyId} left on {left:yyyy-MM-dd}.", "partyId");
        if (day < period.JoinedOn)
            throw DomainException.Unprocessable("left_before_joining", $"Party {partyId} joined on {period.JoinedOn:yyyy-MM-dd}.", "leftOn");
        var remaining = MembersOn(members.Where((_, i) => i != index), day).Count(p => p != partyId);
        if (remaining < 2)
            throw DomainException.Conflict("too_few_members", "An alliance keeps at least two members (§11); with fewer it is dissolved, not left.", "partyId");
        return (index, period with { LeftOn = day });
    }

    private static DateOnly JoinDay(DateOnly? joinedOn, DateOnly today, string field)
    {
        var day = joinedOn ?? today;
        return day <= today ? day : throw DomainException.Invalid("date_in_future", field, $"{day:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
    }
}
