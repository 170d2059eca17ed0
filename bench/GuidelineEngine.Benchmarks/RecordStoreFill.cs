using System.Diagnostics;
using System.Text;
using GuidelineEngine.Engine.Screening;
using GuidelineEngine.Application.Ledger;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Replay;
using GuidelineEngine.Records.Storage;
using GuidelineEngine.Rules.Intake;
using GuidelineEngine.Rules.Loading;
using GuidelineEngine.Rules.Yaml;
using Microsoft.Data.Sqlite;

namespace GuidelineEngine.Benchmarks;

/// <summary>What <see cref="RecordStoreFill.Fill"/> did.</summary>
/// <param name="Records">Records written (one submission entry each).</param>
/// <param name="Refused">Generated intakes the intake checker refused, as <c>records submit</c> would; skipped.</param>
public sealed record FillResult(int Records, int Refused, TimeSpan Elapsed, long Bytes, string LastHash);

/// <summary>
/// Fills an empty SQLite store with generated consultation records for the impact benchmark, fast: each record is what
/// <c>records submit</c> writes (a <see cref="CaseGenerator"/> intake as YAML, screened with rationale by
/// <see cref="ConsultationLedger.Submission"/> with its derived row, chained by the store's own <see cref="ChainedEntry.Build"/>), but many
/// entries go in one transaction without a sync per entry. The product's append stays one durable entry per
/// transaction; this is a loader for benchmark stores only. Deterministic: the same count gives the same chain.
/// </summary>
public static class RecordStoreFill
{
    public const int Seed = 20260201;

    /// <summary>Submission times: one a second from here, so hashes do not depend on the clock.</summary>
    private static readonly DateTimeOffset FirstSubmission = new(2025, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    public static FillResult Fill(string path, int count, int perTransaction = 10_000, Action<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var watch = Stopwatch.StartNew();
        // The store creates the file and its schema, as the product would.
        using (var store = new SqliteRecordStore(path))
        {
            if (store.ReadAll().Any())
            {
                throw new InvalidOperationException($"{path} is not empty; the loader fills only a new store.");
            }
        }
        var screener = new CaseScreener(RuleSetCatalog.Load(RuleSets.Root).Versions);
        using var ledgerStore = new SqliteRecordStore(path);
        var ledger = new ConsultationLedger(ledgerStore, screener, TimeProvider.System);
        var refused = 0;
        var submissions = OrderedParallel.Map(Generated(), generated =>
        {
            try
            {
                var yaml = Encoding.UTF8.GetBytes(IntakeWriter.ToYaml(generated.Intake));
                return ledger.Submission(yaml, $"{generated.Intake.Id}.yaml", at: FirstSubmission.AddSeconds(generated.Index));
            }
            catch (InputException)
            {
                // An unregistered file without its holding section: records submit refuses it, and so do we.
                Interlocked.Increment(ref refused);
                return null;
            }
        }).OfType<PendingEntry>().Take(count);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        // A loader that can simply be run again: no write-ahead log and no sync while loading; the store's own mode after.
        Execute(connection, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;");
        using var insertEntry = Prepare(connection, $"INSERT INTO entries ({ChainedEntry.Columns}) VALUES ($sequence, $record, $kind, $at, $actor, $payload, $previous, $hash)",
            "$sequence", "$record", "$kind", "$at", "$actor", "$payload", "$previous", "$hash");
        using var reserveNumber = Prepare(connection, "INSERT INTO record_numbers (fiscal_year, number, record_id) VALUES ($year, $number, $id)",
            "$year", "$number", "$id");
        using var insertSubmission = Prepare(connection, SqliteRecordStore.InsertSubmissionSql,
            "$sequence", "$record", "$version", "$outcome", "$categories", "$intake");

        var numbers = new Dictionary<int, int>();
        RecordEntry? last = null;
        var written = 0;
        SqliteTransaction? transaction = null;
        foreach (var pending in submissions)
        {
            transaction ??= connection.BeginTransaction();
            var entry = ChainedEntry.Build(pending, last, year => numbers[year] = numbers.GetValueOrDefault(year) + 1);
            Run(insertEntry, transaction, entry.Sequence, entry.RecordId, entry.Kind.ToString(), entry.At, entry.Actor, entry.Payload, entry.PreviousHash, entry.Hash);
            var (year, number) = ChainedEntry.Numbered(entry.RecordId);
            Run(reserveNumber, transaction, year, number, entry.RecordId);
            // The derived row the ledger made with the entry, as the store's own append writes it.
            var derived = pending.Derived!;
            Run(insertSubmission, transaction, entry.Sequence, entry.RecordId, derived.VersionId, derived.Outcome, derived.Categories, derived.Intake);
            last = entry;
            if (++written % perTransaction == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = null;
                progress?.Invoke(written);
            }
        }
        transaction?.Commit();
        transaction?.Dispose();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        connection.Close();
        return new FillResult(written, refused, watch.Elapsed, new FileInfo(path).Length, last?.Hash ?? Records.Chain.EntryHash.Genesis);
    }

    private static IEnumerable<(int Index, Domain.Intake.CaseIntake Intake)> Generated()
    {
        var generator = new CaseGenerator(Seed);
        for (var i = 0; ; i++)
        {
            yield return (i, generator.Next());
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
