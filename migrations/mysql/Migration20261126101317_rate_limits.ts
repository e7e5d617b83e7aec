import { Migration } from '@mikro-orm/migrations';

export class Migration20261126101317_rate_limits extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`rate_limit\` (\`limit_key\` varchar(191) not null, \`window_start\` datetime(3) not null, \`count\` int not null, primary key (\`limit_key\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`rate_limit\` add index \`rate_limit_window_start_index\`(\`window_start\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`rate_limit\`;`);
  }

}
